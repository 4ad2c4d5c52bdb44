package dev.stagecraft.archive;

import dev.stagecraft.io.ErrnoException;
import dev.stagecraft.io.LinuxCalls;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Extended attributes through {@code llistxattr}/{@code lgetxattr}/{@code lsetxattr}
 * ({@link LinuxCalls}): the path {@link Xattrs} takes when JNA loads. Reads a tree the way
 * {@code getfattr -R -h} does: every entry, the top included, symlinks neither followed nor
 * descended into, entries that cannot be read left out.
 */
final class XattrCalls {
    private XattrCalls() {
    }

    /** The attributes whose names {@code wanted} accepts of every entry under {@code tree} that has any, by path. */
    static Map<Path, Map<String, byte[]>> dump(Path tree, Predicate<String> wanted) throws IOException {
        Map<Path, Map<String, byte[]>> out = new HashMap<>();
        // No FOLLOW_LINKS: a symlink is visited as itself, never descended into.
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                collect(dir, wanted, out);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                collect(file, wanted, out);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // a directory that cannot be listed still has attributes of its own
                collect(file, wanted, out);
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    /** The attributes of {@code p} itself that {@code wanted} accepts, by name; empty when it cannot be read. */
    static Map<String, byte[]> read(Path p, Predicate<String> wanted) throws IOException {
        Map<String, byte[]> attrs = new TreeMap<>();
        try {
            for (String name : LinuxCalls.listXattrs(p)) {
                if (wanted.test(name)) {
                    byte[] value = LinuxCalls.getXattr(p, name);
                    if (value != null) {
                        attrs.put(name, value);
                    }
                }
            }
        } catch (ErrnoException e) {
            // gone, not permitted, or a file system without xattrs: as getfattr, leave it out
            return new TreeMap<>();
        }
        return attrs;
    }

    private static void collect(Path p, Predicate<String> wanted, Map<Path, Map<String, byte[]>> out)
            throws IOException {
        Map<String, byte[]> attrs = read(p, wanted);
        if (!attrs.isEmpty()) {
            out.put(p, attrs);
        }
    }

    /** Sets {@code name} on {@code p} itself; null when set, else the kernel's reason. */
    static String write(Path p, String name, byte[] value) throws IOException {
        try {
            LinuxCalls.setXattr(p, name, value);
            return null;
        } catch (ErrnoException e) {
            return e.getMessage();
        }
    }
}
