package dev.stagecraft.image.archive;

import com.github.luben.zstd.ZstdInputStream;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.image.ImageFormatException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Uncompressed views of layer blobs, by media type or by their first bytes. */
final class LayerStreams {
    private LayerStreams() {
    }

    /** The uncompressed tar of a layer blob of {@code mediaType}. */
    static InputStream uncompressed(String mediaType, InputStream blob) throws IOException {
        return switch (mediaType) {
            case MediaTypes.OCI_LAYER, MediaTypes.DOCKER_LAYER -> blob;
            // Concatenated gzip members are legal and some tools write them.
            case MediaTypes.OCI_LAYER_GZIP, MediaTypes.DOCKER_LAYER_GZIP -> new GzipCompressorInputStream(blob, true);
            case MediaTypes.OCI_LAYER_ZSTD -> new ZstdInputStream(blob);
            default -> throw new ImageFormatException("cannot export a layer of media type " + mediaType
                    + " to a docker-archive");
        };
    }

    /**
     * The uncompressed tar of a layer file of unknown compression: {@code docker load} accepts gzip
     * and zstd layers in an archive, so they are recognised by their magic numbers.
     */
    static InputStream sniffed(InputStream in) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 64 * 1024);
        b.mark(4);
        byte[] magic = b.readNBytes(4);
        b.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new GzipCompressorInputStream(b, true);
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            return new ZstdInputStream(b);
        }
        return b;
    }
}
