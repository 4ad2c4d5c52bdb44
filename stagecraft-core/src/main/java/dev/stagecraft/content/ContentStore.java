package dev.stagecraft.content;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Content-addressed blob storage. Every blob is stored under its digest, and nothing is ever
 * readable under a digest it does not match: writes are verified before they become visible.
 * Safe for concurrent use by several threads and several processes sharing one root.
 */
public interface ContentStore {
    /** True when the blob is stored. */
    boolean exists(Digest digest);

    /** The size of a stored blob, or empty when it is not stored. */
    Optional<Long> size(Digest digest);

    /**
     * Opens a stored blob for reading.
     *
     * @throws BlobNotFoundException when it is not stored
     */
    InputStream open(Digest digest) throws IOException;

    /** Reads a whole stored blob (for manifests and configs, which are small). */
    byte[] read(Digest digest) throws IOException;

    /**
     * Stores what {@code content} yields, verified against {@code expected} and, when it is not
     * negative, {@code expectedSize}. A blob already stored counts as success (the stream is then
     * not read).
     *
     * @throws DigestMismatchException when the content does not match; nothing is stored then
     */
    void write(Digest expected, long expectedSize, InputStream content) throws IOException;

    /** Stores {@code content} under its sha256 and returns the digest. */
    Digest write(byte[] content) throws IOException;

    /** Removes a blob; true when it was there. */
    boolean delete(Digest digest) throws IOException;

    /** Every stored blob's digest. The caller closes the stream. */
    Stream<Digest> list() throws IOException;
}
