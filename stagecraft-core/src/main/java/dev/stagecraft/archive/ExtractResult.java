package dev.stagecraft.archive;

import java.util.List;

/**
 * What applying a layer did.
 *
 * @param entries tar entries read, whiteouts included
 * @param warnings what could not be reproduced and was skipped (a device node without root, an
 *     xattr without {@code setfattr}, an unsupported entry type), one line each, naming the entry
 */
public record ExtractResult(int entries, List<String> warnings) {
    public ExtractResult {
        warnings = List.copyOf(warnings);
    }
}
