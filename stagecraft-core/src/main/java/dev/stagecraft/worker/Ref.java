package dev.stagecraft.worker;

/** What a vertex of the build graph yields: a filesystem made of layers, or a build context. */
public sealed interface Ref permits FsRef, ContextRef {
}
