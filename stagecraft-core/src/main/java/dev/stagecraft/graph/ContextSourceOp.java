package dev.stagecraft.graph;

/**
 * The build context (BuildKit's {@code local://context}). Which paths a build reads is reported
 * beside the graph, not in this definition: the consumers (COPY, bind mounts) key on content.
 *
 * @param name the context name ({@code context} for the main one)
 */
public record ContextSourceOp(String name) implements Op {
}
