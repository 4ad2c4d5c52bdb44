package dev.stagecraft.image.transfer;

import dev.stagecraft.content.Digest;

/**
 * A step in the transfer of one blob of a pull or a push.
 *
 * @param digest  the blob
 * @param layer   whether it is a layer (else the image config)
 * @param kind    what happened
 * @param current bytes moved so far (for {@link Kind#DOWNLOADING} and {@link Kind#UPLOADING}), else 0
 * @param total   the blob's size
 * @param detail  the repository a blob was mounted from, else empty
 */
public record TransferEvent(Digest digest, boolean layer, Kind kind, long current, long total, String detail) {
    /** The steps, roughly in the order they happen. */
    public enum Kind {
        /** Queued, waiting for a free transfer slot. */
        WAITING,
        /** Bytes are arriving. */
        DOWNLOADING,
        /** Every byte arrived; the digest is being checked. */
        VERIFYING,
        /** The destination had the blob already: nothing was moved. */
        ALREADY_EXISTS,
        /** Bytes are being sent. */
        UPLOADING,
        /** The registry mounted the blob from another repository: nothing was sent. */
        MOUNTED,
        /** The blob was sent and accepted. */
        PUSHED,
        /** The blob was downloaded and stored. */
        DONE
    }

    public TransferEvent {
        detail = detail == null ? "" : detail;
    }
}
