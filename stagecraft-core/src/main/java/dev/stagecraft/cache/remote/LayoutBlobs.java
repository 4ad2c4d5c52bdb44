package dev.stagecraft.cache.remote;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small documents read straight from a layout directory, checked against their digests. */
final class LayoutBlobs {
    private static final int MAX_DOCUMENT = 16 << 20;

    private LayoutBlobs() {
    }

    static byte[] read(Path dir, Descriptor d) throws IOException {
        Path file = LayoutCacheSource.blob(dir, d.parsedDigest());
        if (Files.size(file) > MAX_DOCUMENT) {
            throw new StagecraftException(file + " is too large for a cache document");
        }
        byte[] bytes = Files.readAllBytes(file);
        if (!Digest.sha256(bytes).equals(d.parsedDigest())) {
            throw new StagecraftException(file + " does not match its digest " + d.digest());
        }
        return bytes;
    }
}
