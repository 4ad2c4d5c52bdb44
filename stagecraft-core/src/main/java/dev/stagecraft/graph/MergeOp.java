package dev.stagecraft.graph;

/** Stacks its inputs' filesystems, later inputs on top ({@code COPY --link}). */
public record MergeOp() implements Op {
}
