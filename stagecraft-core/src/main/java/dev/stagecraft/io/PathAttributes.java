package dev.stagecraft.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Attributes of paths as {@code lstat(2)} gives them. */
public final class PathAttributes {
    private PathAttributes() {
    }

    /**
     * The attributes of {@code p} itself (a symlink is not followed), or null when nothing is
     * there, also when a parent is not a directory (ENOTDIR, as Go's {@code os.Lstat} callers
     * treat it).
     *
     * @throws UncheckedIOException for any other failure to read them
     */
    public static BasicFileAttributes lstat(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("Not a directory")) {
                return null;
            }
            throw new UncheckedIOException(e);
        }
    }
}
