package dev.stagecraft.cache.remote;

import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Layer blobs copied from an OCI layout directory's {@code blobs/<algorithm>/<hex>}. */
record LayoutCacheSource(String name, Path dir) implements CacheSource {
    @Override
    public void fetch(Descriptor blob, ContentStore store) throws IOException {
        Digest d = blob.parsedDigest();
        if (store.exists(d)) {
            return;
        }
        try (InputStream in = Files.newInputStream(blob(dir, d))) {
            store.write(d, blob.size(), in);
        }
    }

    static Path blob(Path dir, Digest d) {
        return dir.resolve("blobs").resolve(d.algorithm()).resolve(d.hex());
    }
}
