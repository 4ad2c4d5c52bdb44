package dev.stagecraft.graph;

import java.util.List;

/**
 * Changes files of one filesystem, in order (COPY, ADD, WORKDIR, inline documents).
 *
 * @param base    index of the input the actions start from, or -1 to start from an empty
 *                filesystem ({@code COPY --link}, inline documents, a scratch stage)
 * @param actions the changes
 */
public record FileOp(int base, List<FileAction> actions) implements Op {
    public FileOp {
        actions = List.copyOf(actions);
    }
}
