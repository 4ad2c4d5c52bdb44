package dev.stagecraft.context;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Computes the sha256 of a regular file's content. An interface so that tests can count how often
 * files are really read; {@link #SHA256} is the one used outside tests.
 */
@FunctionalInterface
interface FileHasher {
    /** Reads with a 256 KiB buffer per thread, a symlink put in the file's place is not followed. */
    FileHasher SHA256 = new FileHasher() {
        private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(256 * 1024));

        @Override
        public byte[] sha256(Path file) throws IOException {
            MessageDigest md = dev.stagecraft.content.Digest.sha256();
            ByteBuffer buf = buffers.get();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                while (true) {
                    buf.clear();
                    if (ch.read(buf) < 0) {
                        break;
                    }
                    buf.flip();
                    md.update(buf);
                }
            }
            return md.digest();
        }
    };

    /** The 32-byte sha256 of {@code file}'s content. */
    byte[] sha256(Path file) throws IOException;
}
