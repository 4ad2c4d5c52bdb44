package dev.stagecraft.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A read-write lock shared by the threads of this JVM and by other processes using the same root:
 * a {@link ReentrantReadWriteLock} in front of an {@code fcntl} lock on a lock file.
 *
 * <p>The JVM lock comes first because file locks belong to the process: two threads of one JVM
 * cannot exclude each other with them ({@code OverlappingFileLockException}), and closing any
 * channel on a file drops every lock the process holds on it. So at most one file-lock session
 * (one channel) is open per lock file and JVM at a time: one per exclusive holder, one shared by
 * all shared holders. Each session opens its own channel because an interrupt during a blocking
 * {@code lock()} closes the channel; a channel kept for the JVM's lifetime would then be lost.
 *
 * <p>A thread holding the exclusive lock may take it again or take the shared lock; a thread
 * holding only the shared lock must not ask for the exclusive one (that deadlocks).
 */
final class StoreLock {
    private static final ConcurrentMap<Path, StoreLock> LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantReadWriteLock jvm = new ReentrantReadWriteLock();
    private final Object sharedSession = new Object();
    private FileChannel sharedChannel; // guarded by sharedSession
    private int sharedHolders; // guarded by sharedSession
    private FileChannel exclusiveChannel; // guarded by the JVM write lock

    private StoreLock(Path file) {
        this.file = file;
    }

    /** Whether a thread of this JVM is waiting for this lock (lets tests wait for a blocked writer). */
    boolean hasWaitingThreads() {
        return jvm.hasQueuedThreads();
    }

    /** A held lock; closing releases it, and closing it again does nothing. */
    interface Held extends AutoCloseable {
        @Override
        void close();

        /** {@code release} run once, however often the result is closed. */
        static Held once(Runnable release) {
            AtomicBoolean released = new AtomicBoolean();
            return () -> {
                if (released.compareAndSet(false, true)) {
                    release.run();
                }
            };
        }
    }

    /**
     * The lock on {@code file} (created when first taken), one instance per file and JVM. The key
     * is the real path, so a root reached through a symbolic link shares the lock.
     */
    static StoreLock of(Path file) throws IOException {
        Path dir = Files.createDirectories(file.toAbsolutePath().getParent()).toRealPath();
        return LOCKS.computeIfAbsent(dir.resolve(file.getFileName()), StoreLock::new);
    }

    /** Takes the lock shared: other shared holders may run, exclusive ones wait. */
    Held shared() throws IOException {
        jvm.readLock().lock();
        if (jvm.isWriteLockedByCurrentThread()) {
            return Held.once(jvm.readLock()::unlock);
        }
        try {
            synchronized (sharedSession) {
                if (sharedHolders == 0) {
                    sharedChannel = lockedChannel(true);
                }
                sharedHolders++;
            }
        } catch (IOException | RuntimeException | Error e) {
            jvm.readLock().unlock();
            throw e;
        }
        return Held.once(this::releaseShared);
    }

    /** Takes the lock exclusively: every other holder, in this JVM or another process, waits. */
    Held exclusive() throws IOException {
        jvm.writeLock().lock();
        if (jvm.getWriteHoldCount() > 1) {
            return Held.once(jvm.writeLock()::unlock);
        }
        try {
            exclusiveChannel = lockedChannel(false);
        } catch (IOException | RuntimeException | Error e) {
            jvm.writeLock().unlock();
            throw e;
        }
        return Held.once(this::releaseExclusive);
    }

    private FileChannel lockedChannel(boolean shared) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            channel.lock(0, Long.MAX_VALUE, shared);
            return channel;
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    private void releaseShared() {
        try {
            synchronized (sharedSession) {
                if (--sharedHolders == 0) {
                    closeChannel(sharedChannel);
                    sharedChannel = null;
                }
            }
        } finally {
            jvm.readLock().unlock();
        }
    }

    private void releaseExclusive() {
        try {
            closeChannel(exclusiveChannel);
            exclusiveChannel = null;
        } finally {
            jvm.writeLock().unlock();
        }
    }

    private static void closeChannel(FileChannel channel) {
        try {
            // Closing the channel releases its file lock.
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release lock", e);
        }
    }
}
