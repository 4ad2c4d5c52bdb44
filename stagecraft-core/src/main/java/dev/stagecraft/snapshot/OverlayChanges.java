package dev.stagecraft.snapshot;

import dev.stagecraft.archive.LayerChanges;
import dev.stagecraft.archive.Xattrs;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads an overlayfs upper directory as layer changes: a 0/0 character device is a deleted
 * path, a directory with {@code trusted.overlay.opaque=y} hides what is below it in the lower
 * layers, and everything else is an added or changed entry.
 */
final class OverlayChanges {
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    private OverlayChanges() {
    }

    static LayerChanges read(Path upperDir) throws IOException {
        Path upper = upperDir.toRealPath();
        // One walk for both: the opaque markers here, the capabilities for the writer.
        Map<String, Map<Path, byte[]>> xattrs = Xattrs.readTree(upper, List.of(OPAQUE_XATTR, Xattrs.CAPABILITY_NAME));
        Map<Path, byte[]> opaque = xattrs.get(OPAQUE_XATTR);
        LayerChanges changes = new LayerChanges().capabilities(xattrs.get(Xattrs.CAPABILITY_NAME));
        Files.walkFileTree(upper, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(upper)) {
                    String rel = upper.relativize(dir).toString();
                    if (Arrays.equals(opaque.get(dir), new byte[] {'y'})) {
                        changes.opaque(rel);
                    } else {
                        changes.add(rel);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = upper.relativize(file).toString();
                if (isWhiteout(file)) {
                    changes.delete(rel);
                } else {
                    changes.add(rel);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return changes;
    }

    static boolean isWhiteout(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
        return ((Integer) a.get("mode") & S_IFMT) == S_IFCHR && (Long) a.get("rdev") == 0L;
    }
}
