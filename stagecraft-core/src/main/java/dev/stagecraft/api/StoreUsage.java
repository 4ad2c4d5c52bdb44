package dev.stagecraft.api;

/**
 * What a root directory holds, as {@code stagecraft du} shows it.
 *
 * @param images                how many references (image names) there are
 * @param blobs                 how many blobs are stored
 * @param totalBytes            the bytes of all blobs
 * @param reclaimableBlobs      how many blobs no reference, cache record or live lease holds
 * @param reclaimableBytes      the bytes {@link Images#prune(boolean)} would free now
 * @param cacheRecords          how many build cache records there are
 * @param cacheBytes            the bytes of the blobs the cache records name, each counted once
 * @param cacheReclaimableBytes the bytes of those blobs no image and no running operation holds:
 *                              what removing every record ({@code prune --all}) would free of them
 */
public record StoreUsage(int images, int blobs, long totalBytes, int reclaimableBlobs, long reclaimableBytes,
        int cacheRecords, long cacheBytes, long cacheReclaimableBytes) {
    /** Usage of a root without build cache records. */
    public StoreUsage(int images, int blobs, long totalBytes, int reclaimableBlobs, long reclaimableBytes) {
        this(images, blobs, totalBytes, reclaimableBlobs, reclaimableBytes, 0, 0, 0);
    }
}
