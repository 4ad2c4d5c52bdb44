package dev.stagecraft.api;

import java.util.List;

/**
 * What {@link Images#prune(PruneOptions)} did.
 *
 * @param untagged         the references it removed (only with {@code all})
 * @param deletedBlobs     the digests of the blobs it deleted
 * @param bytesFreed       the bytes those blobs took
 * @param removedRecords   how many build cache records it removed
 * @param removedLayers    how many unpacked layers (snapshots) it removed
 * @param layerBytesFreed  the bytes of the files in those unpacked layers
 */
public record PruneResult(List<String> untagged, List<String> deletedBlobs, long bytesFreed, int removedRecords,
        int removedLayers, long layerBytesFreed) {
    public PruneResult {
        untagged = List.copyOf(untagged);
        deletedBlobs = List.copyOf(deletedBlobs);
    }

    /** A result that removed no records and no unpacked layers. */
    public PruneResult(List<String> untagged, List<String> deletedBlobs, long bytesFreed) {
        this(untagged, deletedBlobs, bytesFreed, 0, 0, 0);
    }

    /** The blobs' bytes and the unpacked layers' bytes together: what the prune gave back. */
    public long totalBytesFreed() {
        return bytesFreed + layerBytesFreed;
    }
}
