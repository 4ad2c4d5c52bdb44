package dev.stagecraft.cache.remote;

import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.registry.RegistryClient;

/** Layer blobs pulled one by one from the repository a cache (or an image with an inline cache) is in. */
record RegistryCacheSource(String name, RegistryClient client, String repository) implements CacheSource {
    @Override
    public void fetch(Descriptor blob, ContentStore store) {
        client.getBlob(repository, blob.parsedDigest(), blob.size(), store);
    }
}
