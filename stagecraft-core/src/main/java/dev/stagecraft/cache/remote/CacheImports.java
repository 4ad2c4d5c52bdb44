package dev.stagecraft.cache.remote;

import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.Lease;
import dev.stagecraft.image.layout.LayoutRef;
import dev.stagecraft.image.layout.OciLayout;
import dev.stagecraft.reference.ImageReference;
import dev.stagecraft.registry.FetchedManifest;
import dev.stagecraft.registry.Registries;
import dev.stagecraft.registry.RegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the {@code --cache-from} sources at the start of a build: a registry reference (a cache
 * exported there, or an image with an inline cache) or a local OCI layout. Only the manifest or
 * index and the cache config are read now. A source that does not exist or cannot be read is a
 * warning, as in BuildKit, and the build goes on without it.
 */
public final class CacheImports {
    private CacheImports() {
    }

    /** The sources of {@code specs} (parsed with {@link CacheSpec#parseImport}). */
    public static RemoteCache load(List<CacheSpec> specs, Registries registries, LocalContentStore store,
            Lease lease, Consumer<String> warnings) {
        List<RemoteCache.Imported> out = new ArrayList<>();
        for (CacheSpec spec : specs) {
            try {
                Optional<RemoteCache.Imported> imported = spec.type().equals("local")
                        ? local(spec.dir(), spec.tag())
                        : registry(spec.ref(), registries, store, lease);
                if (imported.isEmpty()) {
                    warnings.accept("cache source " + spec.describe() + " holds no build cache");
                }
                imported.ifPresent(out::add);
            } catch (IOException | RuntimeException e) {
                warnings.accept("cannot import build cache from " + spec.describe() + ": " + e.getMessage());
            }
        }
        return new RemoteCache(out, warnings);
    }

    private static Optional<RemoteCache.Imported> registry(String ref, Registries registries,
            LocalContentStore store, Lease lease) throws IOException {
        ImageReference parsed = ImageReference.parse(ref);
        ImageReference reference = parsed.tag().isEmpty() && parsed.digest().isEmpty()
                ? parsed.withDefaultTag() : parsed;
        RegistryClient client = registries.client(reference.domain());
        String repository = reference.path();
        FetchedManifest root = client.getManifest(repository,
                reference.digest().orElseGet(() -> reference.tag().orElseThrow()), CacheDocuments.ROOT_TYPES);
        CacheSource source = new RegistryCacheSource(reference.toString(), client, repository);
        Optional<CacheConfig> config = CacheDocuments.read(root.bytes(), root.mediaType(), blob -> {
            // Into the store (held by the build's lease) so the download is verified like any other.
            lease.add(blob.parsedDigest());
            source.fetch(blob, store);
            return store.read(blob.parsedDigest());
        });
        return config.map(c -> new RemoteCache.Imported(source, c.byKey()));
    }

    private static Optional<RemoteCache.Imported> local(Path dir, String tag) throws IOException {
        if (!Files.isRegularFile(dir.resolve("index.json"))) {
            throw new IOException(dir + " is not an OCI layout (no index.json)");
        }
        Descriptor root = null;
        for (LayoutRef ref : OciLayout.refs(dir)) {
            if (tag.equals(ref.name()) || root == null) {
                root = ref.descriptor();
            }
        }
        if (root == null) {
            return Optional.empty();
        }
        Optional<CacheConfig> config = CacheDocuments.read(LayoutBlobs.read(dir, root), root.mediaType(),
                blob -> LayoutBlobs.read(dir, blob));
        LayoutCacheSource source = new LayoutCacheSource(dir.toString(), dir);
        return config.map(c -> new RemoteCache.Imported(source, c.byKey()));
    }

    /** The records of a layout's cache, for merging a new export into it. */
    static Map<String, dev.stagecraft.cache.CacheRecord> layoutRecords(Path dir, String tag) throws IOException {
        for (LayoutRef ref : OciLayout.refs(dir)) {
            if (tag.equals(ref.name())) {
                Optional<CacheConfig> config = CacheDocuments.read(LayoutBlobs.read(dir, ref.descriptor()),
                        ref.descriptor().mediaType(), blob -> LayoutBlobs.read(dir, blob));
                return config.map(CacheConfig::byKey).orElse(Map.of());
            }
        }
        return Map.of();
    }
}
