package dev.stagecraft.registry;

/** What pushing one blob took. */
public enum BlobPushOutcome {
    /** The repository had it already: nothing was sent. */
    EXISTED,
    /** The registry mounted it from another repository: nothing was sent. */
    MOUNTED,
    /** Sent in one request. */
    UPLOADED,
    /** Sent in several {@code PATCH} chunks. */
    UPLOADED_IN_CHUNKS
}
