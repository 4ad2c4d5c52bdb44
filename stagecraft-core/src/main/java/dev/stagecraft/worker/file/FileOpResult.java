package dev.stagecraft.worker.file;

import java.util.List;

/**
 * What applying a file op did beyond its plain effect.
 *
 * @param warnings what could not be reproduced and was skipped (an xattr the file system refused,
 *     a device node without privilege), one line each naming the path
 */
public record FileOpResult(List<String> warnings) {
    public FileOpResult {
        warnings = List.copyOf(warnings);
    }
}
