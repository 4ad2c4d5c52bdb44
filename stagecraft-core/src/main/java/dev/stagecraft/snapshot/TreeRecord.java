package dev.stagecraft.snapshot;

import dev.stagecraft.archive.LayerChanges;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * whiteout, with all its contents. ext4 gives a directory deleted and made again at once its
 * old inode number, so directories also carry their inode generation ({@link DirGenerations})
 * where the file system has one. A recorded path that is gone gets a whiteout unless its parent
 * is gone or replaced too (that whiteout or opaque marker covers it).
 *
 * <p>Where generations are unknown (tmpfs, btrfs) and an inode number is reused, a replaced
 * directory is written as the same directory with whiteouts for each old entry instead of an
 * opaque marker: a different layer that yields the same filesystem.
 */
final class TreeRecord {
    private record Was(long ino, FileTime ctime, boolean directory, Long generation) {
    }

    private record Seen(String rel, Path path, long ino, FileTime ctime, boolean directory) {
    }

    private final Path root;
    private final Map<String, Was> paths;

    private TreeRecord(Path root, Map<String, Was> paths) {
        this.root = root;
        this.paths = paths;
    }

    /** Records {@code root}; returns once a change made from now on gets a later ctime. */
    static TreeRecord of(Path root, Path marker) throws IOException {
        List<Seen> seen = scan(root);
        Map<Path, Long> generations = DirGenerations.read(
                seen.stream().filter(Seen::directory).map(Seen::path).toList());
        Map<String, Was> paths = new HashMap<>();
        FileTime latest = FileTime.fromMillis(0);
        for (Seen s : seen) {
            paths.put(s.rel(), new Was(s.ino(), s.ctime(), s.directory(), generations.get(s.path())));
            if (s.ctime().compareTo(latest) > 0) {
                latest = s.ctime();
            }
        }
        waitForClockPast(marker, latest);
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
        List<Seen> seen = scan(root);
        // The same directory inode number may be a new directory: ask its generation.
        List<Path> suspects = new ArrayList<>();
        for (Seen s : seen) {
            Was was = paths.get(s.rel());
            if (s.directory() && was != null && was.directory() && was.ino() == s.ino()
                    && !was.ctime().equals(s.ctime()) && was.generation() != null) {
                suspects.add(s.path());
            }
        }
        Map<Path, Long> generations = DirGenerations.read(suspects);
        // Directories that are new or replaced: everything below them is written.
        Set<String> whole = new HashSet<>();
        // Recorded directories still there as themselves: the ones deleted paths need whiteouts in.
        Set<String> kept = new HashSet<>();
        for (Seen s : seen) {
            String rel = s.rel();
            Was was = paths.get(rel);
            int slash = rel.lastIndexOf('/');
            boolean under = slash > 0 && whole.contains(rel.substring(0, slash));
            Long generation = generations.get(s.path());
            boolean replaced = was != null && (was.ino() != s.ino() || was.directory() != s.directory()
                    || generation != null && !generation.equals(was.generation()));
            if (s.directory() && (under || was == null || replaced)) {
                whole.add(rel);
            } else if (s.directory()) {
                kept.add(rel);
            }
            if (s.directory() && replaced && !under) {
                out.opaque(rel);
            } else if (under || was == null || replaced || !was.ctime().equals(s.ctime())) {
                out.add(rel);
            }
        }
        Set<String> present = new HashSet<>();
        seen.forEach(s -> present.add(s.rel()));
        for (String rel : paths.keySet()) {
            if (present.contains(rel)) {
                continue;
            }
            int slash = rel.lastIndexOf('/');
            if (slash < 0 || kept.contains(rel.substring(0, slash))) {
                out.delete(rel);
            }
        }
        return out;
    }

    /** Every path below {@code root} with what identifies it, parents before children. */
    private static List<Seen> scan(Path root) throws IOException {
        List<Seen> out = new ArrayList<>();
        walk(root, (rel, p) -> {
            Map<String, Object> a = Files.readAttributes(p, "unix:ino,ctime", LinkOption.NOFOLLOW_LINKS);
            out.add(new Seen(rel, p, (Long) a.get("ino"), (FileTime) a.get("ctime"),
                    Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)));
        });
        return out;
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
