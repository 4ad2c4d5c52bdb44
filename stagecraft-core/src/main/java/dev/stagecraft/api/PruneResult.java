package dev.stagecraft.api;

import java.util.List;

/**
 * What {@link Images#prune(boolean)} did.
 *
 * @param untagged     the references it removed (only with {@code all})
 * @param deletedBlobs the digests of the blobs it deleted
 * @param bytesFreed   the bytes those blobs took
 */
public record PruneResult(List<String> untagged, List<String> deletedBlobs, long bytesFreed) {
    public PruneResult {
        untagged = List.copyOf(untagged);
        deletedBlobs = List.copyOf(deletedBlobs);
    }
}
