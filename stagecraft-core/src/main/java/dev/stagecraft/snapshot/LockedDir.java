package dev.stagecraft.snapshot;

import dev.stagecraft.io.FileTrees;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A work directory with a fresh name, owned by this process for as long as it holds a lock on
 * the file beside it ({@code <id>.lock}). The kernel drops the lock when the process dies, so
 * {@link #sweep} can tell the leftovers of a killed process (mounts included) from the work of
 * a live one sharing the same stagecraft root.
 *
 * <p>POSIX record locks belong to the process, and closing any descriptor of the file drops
 * them, so {@link #sweep} never opens the lock file of a directory this JVM owns.
 */
final class LockedDir implements AutoCloseable {
    private static final String LOCK = ".lock";
    private static final String NEW = ".new";
    private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final Path lockFile;
    private final FileChannel channel;
    private boolean closed;

    private LockedDir(Path path, Path lockFile, FileChannel channel) {
        this.path = path;
        this.lockFile = lockFile;
        this.channel = channel;
    }

    /** Makes {@code <parent>/<fresh id>/}, locked; {@code parent} is created if missing. */
    static LockedDir create(Path parent) throws IOException {
        Files.createDirectories(parent);
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Path path = parent.resolve(id);
        Path lockFile = parent.resolve(id + LOCK);
        Path fresh = parent.resolve(id + LOCK + NEW);
        OWNED.add(lockFile);
        OWNED.add(fresh);
        // Locked under a name sweep leaves alone, then renamed: a sweeper never sees our lock
        // file unlocked, and never sees our directory without its lock file.
        FileChannel channel = FileChannel.open(fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            channel.lock();
            Files.move(fresh, lockFile, StandardCopyOption.ATOMIC_MOVE);
            Files.createDirectory(path);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(fresh);
            Files.deleteIfExists(lockFile);
            OWNED.remove(lockFile);
            throw e;
        } finally {
            OWNED.remove(fresh);
        }
        return new LockedDir(path, lockFile, channel);
    }

    Path path() {
        return path;
    }

    /** Unmounts what is mounted below, deletes the directory, then gives up the lock. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Mounts.unmountAllUnder(path);
            FileTrees.deleteRecursively(path);
        } finally {
            try {
                Files.deleteIfExists(lockFile);
            } finally {
                channel.close();
                OWNED.remove(lockFile);
            }
        }
    }

    /**
     * Removes what dead processes left under {@code parent}: directories whose lock nobody
     * holds (or that have no lock file), after unmounting anything mounted below them.
     */
    static void sweep(Path parent) throws IOException {
        if (!Files.isDirectory(parent)) {
            return;
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent)) {
            s.forEach(entries::add);
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (name.endsWith(LOCK + NEW) && !OWNED.contains(p)) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    if (ch.tryLock() != null) {
                        Files.deleteIfExists(p); // its creator died before renaming it
                    }
                } catch (OverlappingFileLockException | java.nio.file.NoSuchFileException e) {
                    // being renamed by its owner
                }
                continue;
            }
            if (name.endsWith(LOCK) || name.endsWith(LOCK + NEW)) {
                continue;
            }
            Path lockFile = parent.resolve(name + LOCK);
            if (OWNED.contains(lockFile)) {
                continue;
            }
            if (!Files.exists(lockFile)) {
                removeStale(p);
                continue;
            }
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                FileLock lock = ch.tryLock();
                if (lock != null) {
                    removeStale(p);
                    Files.deleteIfExists(lockFile);
                }
            } catch (OverlappingFileLockException | java.nio.file.NoSuchFileException e) {
                // held in this JVM after all, or its owner just finished: not stale
            }
        }
    }

    private static void removeStale(Path p) throws IOException {
        Mounts.unmountAllUnder(p);
        FileTrees.deleteRecursively(p);
    }
}
