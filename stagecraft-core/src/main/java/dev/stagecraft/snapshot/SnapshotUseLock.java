package dev.stagecraft.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The lock that keeps unpacked layers from being collected while builds use them: every build
 * holds it shared from before its first snapshot until its last view is closed; a collection
 * takes it exclusively, and only if it can at once, so it never waits for builds (it skips the
 * layers instead) and builds wait for it only while it deletes.
 *
 * <p>A JVM read-write lock comes before the {@code fcntl} lock on {@code <snapshots>/use.lock},
 * since file locks belong to the process: threads of one JVM share one file-lock session.
 */
final class SnapshotUseLock {
    private static final ConcurrentMap<Path, SnapshotUseLock> LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantReadWriteLock jvm = new ReentrantReadWriteLock();
    private final Object session = new Object();
    private FileChannel sharedChannel; // guarded by session
    private int sharedHolders; // guarded by session

    private SnapshotUseLock(Path file) {
        this.file = file;
    }

    /** A held lock; closing it again does nothing. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    static SnapshotUseLock of(Path snapshots) throws IOException {
        Path dir = Files.createDirectories(snapshots).toRealPath();
        return LOCKS.computeIfAbsent(dir.resolve("use.lock"), SnapshotUseLock::new);
    }

    /** Holds the lock shared, waiting while a collection runs. */
    Held shared() throws IOException {
        jvm.readLock().lock();
        try {
            synchronized (session) {
                if (sharedHolders == 0) {
                    FileChannel channel = open();
                    try {
                        channel.lock(0, Long.MAX_VALUE, true);
                    } catch (IOException | RuntimeException e) {
                        channel.close();
                        throw e;
                    }
                    sharedChannel = channel;
                }
                sharedHolders++;
            }
        } catch (IOException | RuntimeException e) {
            jvm.readLock().unlock();
            throw e;
        }
        return once(this::releaseShared);
    }

    /** Holds the lock exclusively if no build in any process holds it now; null otherwise. */
    Held tryExclusive() throws IOException {
        if (!jvm.writeLock().tryLock()) {
            return null;
        }
        FileChannel channel;
        FileLock lock;
        try {
            channel = open();
            try {
                lock = channel.tryLock(0, Long.MAX_VALUE, false);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            jvm.writeLock().unlock();
            throw e;
        }
        if (lock == null) {
            channel.close();
            jvm.writeLock().unlock();
            return null;
        }
        return once(() -> {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release " + file, e);
            } finally {
                jvm.writeLock().unlock();
            }
        });
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private void releaseShared() {
        try {
            synchronized (session) {
                if (--sharedHolders == 0) {
                    try {
                        sharedChannel.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot release " + file, e);
                    } finally {
                        sharedChannel = null;
                    }
                }
            }
        } finally {
            jvm.readLock().unlock();
        }
    }

    private static Held once(Runnable release) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                release.run();
            }
        };
    }
}
