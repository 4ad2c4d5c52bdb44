package dev.stagecraft.api;

import java.time.Instant;

/**
 * One record of the build cache, as {@code stagecraft du --verbose} lists it.
 *
 * @param key       the step's cache key ({@code sha256:...})
 * @param step      what made it ({@code [build 2/4] RUN make})
 * @param sizeBytes the size of the layer the step added: its last layer's blob. The layers below
 *                  it are its parent's, counted with the parent's record or image
 * @param created   when it was recorded
 * @param lastUsed  when a build last recorded or reused it
 */
public record BuildCacheRecord(String key, String step, long sizeBytes, Instant created, Instant lastUsed) {
    /** The first 12 hex digits of the key, as {@code docker buildx du} shows IDs. */
    public String shortKey() {
        String hex = key.startsWith("sha256:") ? key.substring("sha256:".length()) : key;
        return hex.substring(0, Math.min(12, hex.length()));
    }
}
