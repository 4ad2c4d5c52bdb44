package dev.stagecraft.graph;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Changes files of one filesystem, in order (COPY, ADD, WORKDIR, inline documents).
 *
 * @param base        index of the input the actions start from, or -1 to start from an empty
 *                    filesystem ({@code COPY --link}, inline documents, a scratch stage)
 * @param actions     the changes
 * @param createdTime the modification time (RFC 3339) given to what the actions create, from
 *                    {@code SOURCE_DATE_EPOCH}; null keeps the source times (and the current time
 *                    for new directories)
 */
public record FileOp(int base, List<FileAction> actions,
        @JsonInclude(JsonInclude.Include.NON_NULL) String createdTime) implements Op {
    public FileOp {
        actions = List.copyOf(actions);
    }

    /** A file op with no fixed timestamp. */
    public FileOp(int base, List<FileAction> actions) {
        this(base, actions, null);
    }
}
