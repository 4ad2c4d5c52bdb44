package dev.stagecraft.archive;

import dev.stagecraft.content.Digest;

/**
 * A layer as {@link LayerWriter} wrote it.
 *
 * @param diffId sha256 of the uncompressed tar (the image config's {@code rootfs.diff_ids})
 * @param digest sha256 of the bytes written, compressed (the manifest's layer digest)
 * @param size number of bytes written, compressed
 * @param compression how the tar was compressed
 */
public record WrittenLayer(Digest diffId, Digest digest, long size, Compression compression) {
    /** The OCI media type of the written blob. */
    public String mediaType() {
        return compression.ociLayerMediaType();
    }
}
