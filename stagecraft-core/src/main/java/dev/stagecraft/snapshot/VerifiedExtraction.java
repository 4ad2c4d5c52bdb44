package dev.stagecraft.snapshot;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.archive.Compression;
import dev.stagecraft.archive.LayerExtractor;
import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.HexFormat;

/** Extracts a layer while hashing its uncompressed tar, and refuses it unless that is its diff id. */
final class VerifiedExtraction {
    private VerifiedExtraction() {
    }

    /**
     * Applies the layer from {@code source} onto {@code dir} with {@code extractor}, reading the
     * tar to its very end (padding after the end-of-archive records counts towards the digest).
     *
     * @throws StagecraftException if the uncompressed tar's digest is not {@code diffId}; the
     *     caller discards {@code dir}
     */
    static void extract(LayerSource source, Digest diffId, LayerExtractor extractor, Path dir) throws IOException {
        try (InputStream raw = source.open(); InputStream tar = Compression.decompressing(raw)) {
            DigestInputStream hashed = new DigestInputStream(tar, diffId.newMessageDigest());
            extractor.apply(hashed, dir);
            hashed.transferTo(OutputStream.nullOutputStream());
            Digest actual = new Digest(diffId.algorithm(), HexFormat.of().formatHex(hashed.getMessageDigest().digest()));
            if (!actual.equals(diffId)) {
                throw new StagecraftException("layer " + diffId + " refused: its uncompressed content has digest "
                        + actual);
            }
        }
    }
}
