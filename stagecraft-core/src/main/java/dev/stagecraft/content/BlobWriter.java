package dev.stagecraft.content;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * An output stream into a {@link LocalContentStore}, for content that is produced rather than
 * read (a layer being compressed, a manifest being serialised): bytes go to a file in the ingest
 * directory and through a message digest; {@link #commit()} makes them a blob.
 *
 * <p>Nothing is visible in the store before the commit; closing without a commit discards the
 * bytes. Not safe for use by several threads.
 */
public final class BlobWriter extends OutputStream {
    private final LocalContentStore store;
    private final IngestDir.TempFile temp;
    private final MessageDigest md;
    private final Digest expected;
    private final long expectedSize;
    /** Collects small writes (a compressor's) into large file writes. */
    private final byte[] buffer = new byte[64 * 1024];
    private int buffered;
    private long size;
    private Digest committed;
    private boolean closed;

    /** A writer checked against {@code expected} and {@code expectedSize} (when not null, not negative). */
    BlobWriter(LocalContentStore store, IngestDir.TempFile temp, Digest expected, long expectedSize) {
        this.store = store;
        this.temp = temp;
        this.md = expected == null ? Digest.sha256() : expected.newMessageDigest();
        this.expected = expected;
        this.expectedSize = expectedSize;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("blob writer is closed");
        }
        if (expectedSize >= 0 && size + len > expectedSize) {
            // Refuse at once: a wrong or hostile source could go on for ever.
            throw mismatch("more bytes");
        }
        md.update(b, off, len);
        size += len;
        if (len >= buffer.length - buffered) {
            drain();
            if (len >= buffer.length) {
                temp.write(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, buffer, buffered, len);
        buffered += len;
    }

    private void drain() throws IOException {
        temp.write(buffer, 0, buffered);
        buffered = 0;
    }

    /** How many bytes were written so far. */
    public long size() {
        return size;
    }

    /**
     * Verifies what was written (when the writer was given a digest and size), stores it and
     * closes the writer.
     *
     * @return the blob's digest
     * @throws DigestMismatchException when the bytes do not match; nothing is stored then
     */
    public Digest commit() throws IOException {
        if (committed != null) {
            return committed;
        }
        if (closed) {
            throw new IOException("blob writer is closed");
        }
        try {
            Digest actual = new Digest(expected == null ? "sha256" : expected.algorithm(),
                    HexFormat.of().formatHex(md.digest()));
            if (expected != null && !actual.equals(expected)) {
                throw new DigestMismatchException("content announced as " + expected + " has digest " + actual);
            }
            if (expectedSize >= 0 && size != expectedSize) {
                throw mismatch(size + " bytes");
            }
            drain();
            store.commit(temp, actual);
            committed = actual;
            return actual;
        } finally {
            close();
        }
    }

    /** Discards what was written, unless it was committed. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            temp.close();
        }
    }

    private DigestMismatchException mismatch(String actual) {
        return new DigestMismatchException("content announced as " + expected + " with " + expectedSize
                + " bytes has " + actual);
    }
}
