package dev.stagecraft.archive;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.stagecraft.content.MediaTypes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** How a layer tar is compressed. Detection looks at magic bytes, never at names or media types. */
public enum Compression {
    NONE,
    GZIP,
    ZSTD;

    private static final int ZSTD_LEVEL = 3;

    /**
     * Peeks at the first bytes of {@code in} and resets it, so the stream still starts at its
     * first byte. An empty or short stream is {@link #NONE}.
     */
    public static Compression detect(BufferedInputStream in) throws IOException {
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (head.length == 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5
                && (head[2] & 0xff) == 0x2f && (head[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    /** Detects the compression of {@code in} and returns a stream of the uncompressed tar. */
    public static InputStream decompressing(InputStream in) throws IOException {
        BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in);
        return detect(buffered).wrap(buffered);
    }

    /** A stream that decompresses {@code in} as this compression. Closing it closes {@code in}. */
    public InputStream wrap(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            // Concatenated members: pigz and some registries emit multi-member gzip.
            case GZIP -> new GzipCompressorInputStream(in, true);
            case ZSTD -> new ZstdInputStream(in);
        };
    }

    /**
     * A stream that compresses into {@code out}; closing it finishes the compressed stream and
     * closes {@code out}. Gzip is {@link ParallelGzipOutputStream} at BuildKit's level (6) with
     * Go's fixed header (no name, mtime 0, OS "unknown"): big layers use every core, and the same
     * tar compresses to the same bytes on any machine.
     */
    public OutputStream wrap(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new ParallelGzipOutputStream(out);
            case ZSTD -> new ZstdOutputStream(out, ZSTD_LEVEL);
        };
    }

    /** The OCI layer media type of a tar compressed this way. */
    public String ociLayerMediaType() {
        return switch (this) {
            case NONE -> MediaTypes.OCI_LAYER;
            case GZIP -> MediaTypes.OCI_LAYER_GZIP;
            case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
        };
    }

    /**
     * The compression an OCI or Docker layer media type declares.
     *
     * @throws LayerFormatException for a media type that is not a known layer type
     */
    public static Compression ofMediaType(String mediaType) {
        return switch (mediaType) {
            case MediaTypes.OCI_LAYER, MediaTypes.DOCKER_LAYER -> NONE;
            case MediaTypes.OCI_LAYER_GZIP, MediaTypes.DOCKER_LAYER_GZIP -> GZIP;
            case MediaTypes.OCI_LAYER_ZSTD -> ZSTD;
            default -> throw new LayerFormatException("not a layer media type: " + mediaType);
        };
    }
}
