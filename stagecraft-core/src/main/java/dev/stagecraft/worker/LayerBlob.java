package dev.stagecraft.worker;

import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;

/**
 * One layer of a filesystem: its diff id (uncompressed digest, what snapshots are keyed by), the
 * stored blob (what an image manifest lists), and what made it, in BuildKit's words, for history
 * entries the image config lacks ({@code pulled from REF}, {@code mount / from exec ARGV},
 * {@code fileop target}).
 */
public record LayerBlob(Digest diffId, Descriptor blob, String description) {
}
