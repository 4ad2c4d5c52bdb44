package dev.stagecraft.snapshot;

import dev.stagecraft.archive.LayerChanges;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The differ of the copy-based snapshotter: what every path of a freshly copied tree was (its
 * inode and change time) and, later, which paths a step changed.
 *
 * <p>Decision: a path changed when it is new, its inode differs (it was deleted and made again,
 * or renamed over) or its ctime moved. The kernel sets ctime on every change to content,
 * mode, owner, xattrs or link count, and no call sets it back, so this catches what
 * BuildKit's double-walking differ (mode, owner, size, mtime, xattrs compared with the parent
 * tree; equal metadata means unchanged) misses, such as a rewrite that restores size and mtime.
 * It also matches what overlayfs copies up (any change to a file copies it), so both snapshotters
 * write the same layer for the same step. A directory at a path that existed but is now another
 * inode was replaced, and is written opaque as overlayfs does for a directory made over a
 * whiteout, with all its contents. A recorded path that is gone gets a whiteout unless its
 * parent is gone or replaced too (that whiteout or opaque marker covers it).
 */
final class TreeRecord {
    private record Was(long ino, FileTime ctime, boolean directory) {
    }

    private final Path root;
    private final Map<String, Was> paths;

    private TreeRecord(Path root, Map<String, Was> paths) {
        this.root = root;
        this.paths = paths;
    }

    /** Records {@code root}; returns once a change made from now on gets a later ctime. */
    static TreeRecord of(Path root, Path marker) throws IOException {
        Map<String, Was> paths = new HashMap<>();
        FileTime[] latest = {FileTime.fromMillis(0)};
        walk(root, (rel, p) -> {
            Map<String, Object> a = Files.readAttributes(p, "unix:ino,ctime,mode", LinkOption.NOFOLLOW_LINKS);
            FileTime ctime = (FileTime) a.get("ctime");
            paths.put(rel, new Was((Long) a.get("ino"), ctime, Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)));
            if (ctime.compareTo(latest[0]) > 0) {
                latest[0] = ctime;
            }
        });
        waitForClockPast(marker, latest[0]);
        return new TreeRecord(root, paths);
    }

    /**
     * The kernel stamps ctime from a coarse clock (a few milliseconds a tick): a change in the
     * tick the copy ended in could keep a recorded ctime. Touch a marker until its ctime is past
     * every recorded one; that takes at most one tick.
     */
    private static void waitForClockPast(Path marker, FileTime latest) throws IOException {
        if (!Files.exists(marker)) {
            Files.createFile(marker);
        }
        long deadline = System.nanoTime() + 1_000_000_000L; // a clock stepped back: give up waiting
        while (System.nanoTime() < deadline) {
            Files.setLastModifiedTime(marker, FileTime.fromMillis(System.currentTimeMillis()));
            FileTime now = (FileTime) Files.getAttribute(marker, "unix:ctime");
            if (now.compareTo(latest) > 0) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    /** The changes made under the recorded root since it was recorded. */
    LayerChanges changes() throws IOException {
        LayerChanges out = new LayerChanges();
        // Directories that are new or replaced: everything below them is written.
        Set<String> whole = new HashSet<>();
        walk(root, (rel, p) -> {
            Map<String, Object> a = Files.readAttributes(p, "unix:ino,ctime", LinkOption.NOFOLLOW_LINKS);
            boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
            Was was = paths.get(rel);
            int slash = rel.lastIndexOf('/');
            boolean under = slash > 0 && whole.contains(rel.substring(0, slash));
            boolean replaced = was != null && was.ino() != (Long) a.get("ino");
            if (dir && (under || was == null || replaced)) {
                whole.add(rel);
            }
            if (dir && replaced && !under) {
                out.opaque(rel);
            } else if (under || was == null || replaced || !was.ctime().equals(a.get("ctime"))) {
                out.add(rel);
            }
        });
        for (Map.Entry<String, Was> e : paths.entrySet()) {
            String rel = e.getKey();
            if (lstat(root.resolve(rel)) != null) {
                continue;
            }
            int slash = rel.lastIndexOf('/');
            if (slash < 0 || parentKept(rel.substring(0, slash))) {
                out.delete(rel);
            }
        }
        return out;
    }

    /** Whether the directory {@code rel} is still the recorded one (so it needs whiteouts inside). */
    private boolean parentKept(String rel) throws IOException {
        Was was = paths.get(rel);
        Path p = root.resolve(rel);
        if (was == null || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        return was.ino() == (Long) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    private static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private interface Visit {
        void accept(String rel, Path p) throws IOException;
    }

    /** Every path below {@code root}, parents before children; the root itself is not visited. */
    private static void walk(Path root, Visit visit) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root)) {
                    visit.accept(root.relativize(dir).toString(), dir);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                visit.accept(root.relativize(file).toString(), file);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
