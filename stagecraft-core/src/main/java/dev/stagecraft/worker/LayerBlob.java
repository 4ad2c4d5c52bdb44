package dev.stagecraft.worker;

import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;

/**
 * One layer of a filesystem: its diff id (uncompressed digest, what snapshots are keyed by), the
 * stored blob (what an image manifest lists), and what made it, in BuildKit's words, for history
 * entries the image config lacks ({@code pulled from REF}, {@code mount / from exec ARGV},
 * {@code fileop target}), and when it was made (RFC 3339; null for a base image's layers, whose
 * history says). A layer taken from the build cache keeps the time it was first made, so a
 * rebuild from the cache gives the same image, as BuildKit's does.
 */
public record LayerBlob(Digest diffId, Descriptor blob, String description, String created) {
    /** A layer whose making time is not known here. */
    public LayerBlob(Digest diffId, Descriptor blob, String description) {
        this(diffId, blob, description, null);
    }
}
