package dev.stagecraft.content;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directory where content is written before it becomes visible: {@code <root>/ingest}.
 *
 * <p>Every file here is a {@link TempFile} being written, or the leftover of a process that died
 * while writing. A writer holds an {@code fcntl} lock on its file for as long as it writes, and
 * the kernel drops that lock when the process dies, so a cleaner can tell leftovers from live
 * writes in other processes. Writers of this JVM are known by name instead: opening and closing
 * their file here would drop their lock (file locks belong to the process, not the channel).
 */
final class IngestDir {
    /** Files of this JVM's live writers, which the cleaner must not even open. */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    IngestDir(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir).toAbsolutePath();
    }

    Path path() {
        return dir;
    }

    /** A new, empty, locked file with a random name. */
    TempFile create() throws IOException {
        while (true) {
            byte[] name = new byte[16];
            RANDOM.nextBytes(name);
            Path file = dir.resolve(HexFormat.of().formatHex(name) + ".tmp");
            WRITING.add(file);
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                channel.lock();
                // A cleaner in another process may have locked and deleted the file between our
                // create and lock; then we hold the lock of an unlinked file and try a new name.
                if (Files.exists(file)) {
                    return new TempFile(file, channel);
                }
            } catch (FileAlreadyExistsException | OverlappingFileLockException e) {
                // A name collision: take another name.
            } catch (IOException | RuntimeException | Error e) {
                abandon(file, channel);
                throw e;
            }
            abandon(file, channel);
        }
    }

    private static void abandon(Path file, FileChannel channel) throws IOException {
        WRITING.remove(file);
        if (channel != null) {
            channel.close();
        }
    }

    /**
     * Deletes leftovers last modified at least {@code olderThan} ago whose writer is gone.
     *
     * @return how many files were deleted
     */
    int clean(Duration olderThan) throws IOException {
        Instant cutoff = Instant.now().minus(olderThan);
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (!WRITING.contains(file) && isOlder(file, cutoff) && deleteIfAbandoned(file)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private static boolean isOlder(Path file, Instant cutoff) throws IOException {
        try {
            return !Files.getLastModifiedTime(file).toInstant().isAfter(cutoff);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static boolean deleteIfAbandoned(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            return Files.deleteIfExists(file);
        } catch (NoSuchFileException | AccessDeniedException | OverlappingFileLockException e) {
            // Gone already, another user's, or (in theory) locked by this JVM: not ours to delete.
            return false;
        }
    }

    /** Flushes a directory's entries (a rename into it) to disk. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse fsync on a directory; the rename is still atomic there,
            // only its durability across a power loss is up to the file system.
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    /** A file being written in the ingest directory; closing it without commit deletes it. */
    static final class TempFile implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private boolean done;

        private TempFile(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }

        Path path() {
            return file;
        }

        void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        /**
         * Renames the file to {@code target} in one step without flushing it first: a reader
         * sees the old or the new version, but after a crash the target may be the old version,
         * or on some file systems empty or torn. Only for documents whose loss is harmless.
         */
        void renameTo(Path target) throws IOException {
            try {
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("ingest directory " + file.getParent() + " and " + target.getParent()
                        + " must be on one file system", e);
            }
            done = true;
            close();
        }

        /**
         * Flushes the file to disk and renames it to {@code target} in one step, so a reader
         * sees no file or the whole file, and a crash leaves one or the other. An existing target
         * is replaced, which is what a concurrent writer of the same verified content wants.
         */
        void commitTo(Path target) throws IOException {
            channel.force(true);
            try {
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("ingest directory " + file.getParent() + " and " + target.getParent()
                        + " must be on one file system", e);
            }
            done = true;
            syncDirectory(target.getParent());
            close();
        }

        @Override
        public void close() throws IOException {
            try {
                if (!done) {
                    done = true;
                    Files.deleteIfExists(file);
                }
            } finally {
                WRITING.remove(file);
                channel.close();
            }
        }
    }
}
