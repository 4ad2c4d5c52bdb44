package dev.stagecraft.context;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A path resolved inside a root directory.
 *
 * @param rel   the real path inside the root, absolute and clean ({@code /} for the root itself)
 * @param host  where it is on the host file system (always under the root)
 * @param attrs its own attributes (a symlink's, when the last component was not followed), or
 *              null when nothing is there (or it is hidden by ignore rules)
 */
public record ResolvedPath(String rel, Path host, BasicFileAttributes attrs) {
    /** Whether something is there. */
    public boolean exists() {
        return attrs != null;
    }
}
