package dev.stagecraft.api;

/**
 * What a root directory holds, as {@code stagecraft du} shows it.
 *
 * @param images           how many references (image names) there are
 * @param blobs            how many blobs are stored
 * @param totalBytes       the bytes of all blobs
 * @param reclaimableBlobs how many blobs no reference or live lease holds
 * @param reclaimableBytes the bytes {@link Images#prune(boolean)} would free now
 */
public record StoreUsage(int images, int blobs, long totalBytes, int reclaimableBlobs, long reclaimableBytes) {
}
