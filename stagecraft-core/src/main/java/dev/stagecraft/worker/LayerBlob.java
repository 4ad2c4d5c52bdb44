package dev.stagecraft.worker;

import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;

/**
 * One layer of a filesystem: its diff id (uncompressed digest, what snapshots are keyed by) and
 * the stored blob (what an image manifest lists).
 */
public record LayerBlob(Digest diffId, Descriptor blob) {
}
