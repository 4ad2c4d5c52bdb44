package dev.stagecraft.api;

/**
 * Receives the progress of {@link Images#pull} and {@link Images#push}, blob by blob. Called from
 * the transfer threads, several at once: an implementation must be thread-safe and quick.
 */
@FunctionalInterface
public interface TransferProgress {
    /** Ignores every event. */
    TransferProgress NONE = event -> { };

    /** One step of one blob. */
    void onEvent(Event event);

    /** What happened to a blob. */
    enum Status {
        /** Queued behind other transfers. */
        WAITING,
        /** Bytes are arriving ({@link Event#current()} of {@link Event#total()}). */
        DOWNLOADING,
        /** Every byte arrived; its digest is checked. */
        VERIFYING,
        /** The destination had it already. */
        ALREADY_EXISTS,
        /** Bytes are being sent ({@link Event#current()} of {@link Event#total()}). */
        UPLOADING,
        /** The registry mounted it from the repository {@link Event#detail()} names. */
        MOUNTED,
        /** Sent and accepted. */
        PUSHED,
        /** Downloaded, verified and stored. */
        DONE
    }

    /**
     * One step of one blob.
     *
     * @param digest  the blob's digest, {@code sha256:...}
     * @param layer   true for a layer, false for the image config (docker shows layers only)
     * @param status  what happened
     * @param current bytes moved so far while downloading or uploading
     * @param total   the blob's size
     * @param detail  the source repository of a mount, else empty
     */
    record Event(String digest, boolean layer, Status status, long current, long total, String detail) {
        /** The first 12 hex digits of the digest, as docker shows a layer. */
        public String shortId() {
            int colon = digest.indexOf(':');
            String hex = digest.substring(colon + 1);
            return hex.length() > 12 ? hex.substring(0, 12) : hex;
        }
    }
}
