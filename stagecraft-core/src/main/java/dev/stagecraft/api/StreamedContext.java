package dev.stagecraft.api;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.archive.LayerExtractor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * A build context read from a stream ({@code stagecraft build - < ctx.tar}), as docker reads it:
 * a tar archive (plain or compressed) becomes the context; anything else is taken as the
 * Dockerfile itself, with an empty context.
 */
final class StreamedContext {
    private static final int TAR_MAGIC_OFFSET = 257;

    private StreamedContext() {
    }

    /** Unpacks {@code in} into the empty directory {@code dir}; returns the Dockerfile bytes when it was one. */
    static byte[] unpack(InputStream in, Path dir) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        InputStream plain = buffered;
        try {
            String kind = CompressorStreamFactory.detect(buffered);
            plain = new BufferedInputStream(new CompressorStreamFactory().createCompressorInputStream(kind, buffered),
                    1 << 16);
        } catch (CompressorException notCompressed) {
            // a plain tar or a Dockerfile
        }
        plain.mark(TAR_MAGIC_OFFSET + 8);
        byte[] head = plain.readNBytes(TAR_MAGIC_OFFSET + 8);
        plain.reset();
        boolean tar = head.length >= TAR_MAGIC_OFFSET + 5
                && new String(head, TAR_MAGIC_OFFSET, 5, StandardCharsets.US_ASCII).equals("ustar");
        if (!tar) {
            if (plain != buffered) {
                throw new StagecraftException("the compressed build context on standard input is not a tar archive");
            }
            return plain.readAllBytes();
        }
        Files.createDirectories(dir);
        new LayerExtractor().apply(plain, dir);
        return null;
    }
}
