package dev.stagecraft.api;

/**
 * What {@link Images#pull} stored.
 *
 * @param reference the stored, fully qualified reference
 * @param digest    the digest the registry's tag pointed at (an index's for a multi-platform image)
 * @param manifest  the digest of the stored platform manifest, which the reference points at
 */
public record PullSummary(String reference, String digest, String manifest) {
}
