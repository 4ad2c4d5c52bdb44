package dev.stagecraft.api;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.text.ByteSizes;
import dev.stagecraft.text.GoDuration;
import java.time.Duration;

/**
 * What {@link Images#prune(PruneOptions)} removes besides the blobs and unpacked layers nothing
 * holds, with {@code docker buildx prune}'s options. With none of them, every cache record stays.
 *
 * @param all         {@code --all}: remove every image name and every cache record first
 * @param until       {@code --filter until=}: remove the cache records not used within this
 *                    long; null for no such filter
 * @param keepStorage {@code --keep-storage}: remove the least recently used cache records until
 *                    the blobs the cache alone holds take at most this many bytes; negative for
 *                    no such limit
 */
public record PruneOptions(boolean all, Duration until, long keepStorage) {
    /** Prune without options: blobs and unpacked layers nothing holds, every record kept. */
    public static final PruneOptions DEFAULT = new PruneOptions(false, null, -1);

    /** These options with {@code --all}. */
    public PruneOptions withAll(boolean a) {
        return new PruneOptions(a, until, keepStorage);
    }

    /** These options with {@code --filter until=}. */
    public PruneOptions withUntil(Duration d) {
        return new PruneOptions(all, d, keepStorage);
    }

    /** These options with {@code --keep-storage}. */
    public PruneOptions withKeepStorage(long bytes) {
        return new PruneOptions(all, until, bytes);
    }

    /**
     * A duration in Go's syntax ({@code 24h}, {@code 90m}, {@code 1h30m}).
     *
     * @throws StagecraftException naming the text when it is not one
     */
    public static Duration parseDuration(String text) {
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new StagecraftException(e.getMessage());
        }
    }

    /**
     * A size as Docker takes it: bytes, or with a binary unit ({@code 512MB}, {@code 10GB}, {@code 1.5g}).
     *
     * @throws StagecraftException naming the text when it is not one
     */
    public static long parseSize(String text) {
        try {
            return ByteSizes.parse(text);
        } catch (IllegalArgumentException e) {
            throw new StagecraftException(e.getMessage());
        }
    }
}
