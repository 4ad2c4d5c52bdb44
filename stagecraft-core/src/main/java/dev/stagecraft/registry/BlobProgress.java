package dev.stagecraft.registry;

/**
 * What a blob transfer reports while it runs. Called on the transferring thread, so an
 * implementation must be quick and thread-safe (a pull moves several blobs at once).
 */
public interface BlobProgress {
    /** Reports nothing. */
    BlobProgress NONE = new BlobProgress() {
        @Override
        public void transferred(long bytes) {
        }
    };

    /**
     * The bytes of the blob moved so far in the current attempt; a retried transfer starts again
     * from 0.
     */
    void transferred(long bytes);

    /** The registry mounted the blob from {@code repository} of the same registry: nothing is sent. */
    default void mountedFrom(String repository) {
    }
}
