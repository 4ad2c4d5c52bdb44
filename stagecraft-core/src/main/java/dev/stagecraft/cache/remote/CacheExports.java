package dev.stagecraft.cache.remote;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.cache.CacheRecord;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.Lease;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.Index;
import dev.stagecraft.image.Manifest;
import dev.stagecraft.image.layout.OciLayout;
import dev.stagecraft.image.transfer.Pusher;
import dev.stagecraft.reference.ImageReference;
import dev.stagecraft.registry.Registries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes a build's cache records for other roots: to a registry as an OCI manifest whose config is
 * the cache config ({@code application/vnd.buildkit.cacheconfig.v0}) and whose layers are every
 * layer blob the records name (BuildKit's {@code image-manifest=true} form; the repository's
 * existing blobs are not sent again), or to a local OCI layout whose {@code index.json} names that
 * manifest (default {@code latest}); a layout already holding a cache keeps its records, the new
 * ones added or replacing those of the same key. For {@code type=inline}, see {@link #inline}.
 */
public final class CacheExports {
    private static final int PUSH_THREADS = 4;

    private final LocalContentStore store;
    private final Lease lease;
    private final Registries registries;

    /**
     * @param store      the root's content store, which holds every blob the records name
     * @param lease      the build's lease, which holds the documents written here
     * @param registries the clients registry exports push through
     */
    public CacheExports(LocalContentStore store, Lease lease, Registries registries) {
        this.store = store;
        this.lease = lease;
        this.registries = registries;
    }

    /**
     * Exports {@code records} as {@code spec} says (registry or local).
     *
     * @throws StagecraftException naming the cache destination when it cannot be written
     */
    public void export(CacheSpec spec, List<CacheRecord> records) {
        try {
            switch (spec.type()) {
                case "registry" -> toRegistry(spec.ref(), records);
                case "local" -> toLayout(spec.dir(), spec.tag(), records);
                default -> throw new IllegalArgumentException("not a separate cache export: " + spec.type());
            }
        } catch (IOException | RuntimeException e) {
            throw new StagecraftException("failed to export build cache to " + spec.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The image {@code image} with an inline cache of {@code records} in its config, both the new
     * config and manifest written to the store and held by the lease. Records naming a layer the
     * image does not have (an empty layer the image leaves out) are left out: an importer fetches
     * an inline cache's layers from the image.
     */
    public ImageDocument.OfManifest inline(ImageDocument.OfManifest image, List<CacheRecord> records)
            throws IOException {
        Manifest m = image.manifest();
        Set<String> layers = new HashSet<>();
        m.layers().forEach(l -> layers.add(l.digest()));
        List<CacheRecord> kept = records.stream()
                .filter(r -> r.layers().stream().allMatch(l -> layers.contains(l.blob().digest()))).toList();
        byte[] config = CacheDocuments.withInline(store.read(m.config().parsedDigest()), CacheConfig.of(kept));
        Digest configDigest = Digest.sha256(config);
        lease.add(configDigest);
        store.write(config);
        Manifest out = new Manifest(m.schemaVersion(), m.mediaType(), m.artifactType(),
                Descriptor.of(m.config().mediaType(), configDigest, config.length), m.layers(), m.subject(),
                m.annotations());
        ImageDocument.OfManifest written = ImageJson.write(out);
        lease.add(written.digest());
        store.write(written.raw());
        return written;
    }

    private void toRegistry(String ref, List<CacheRecord> records) throws IOException {
        ImageDocument.OfManifest manifest = write(CacheConfig.of(records));
        ImageReference target = ImageReference.parse(ref);
        ExecutorService pool = Executors.newFixedThreadPool(PUSH_THREADS);
        try {
            new Pusher(registries, store, pool).push(target, manifest.descriptor());
        } finally {
            pool.shutdownNow();
        }
    }

    private void toLayout(Path dir, String tag, List<CacheRecord> records) throws IOException {
        Map<String, CacheRecord> merged = new LinkedHashMap<>();
        if (Files.isRegularFile(dir.resolve("index.json"))) {
            merged.putAll(CacheImports.layoutRecords(dir, tag));
        } else if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new StagecraftException(dir + " is neither empty nor an OCI layout");
                }
            }
        }
        records.forEach(r -> merged.put(r.key(), r));
        CacheConfig config = CacheConfig.of(merged.values());
        ImageDocument.OfManifest manifest = write(config);
        for (Descriptor blob : config.blobs()) {
            copyBlob(blob, dir);
        }
        copyBlob(manifest.manifest().config(), dir);
        copyBlob(manifest.descriptor(), dir);
        List<Descriptor> entries = new ArrayList<>();
        Path indexFile = dir.resolve("index.json");
        if (Files.isRegularFile(indexFile)) {
            ImageDocument existing = ImageJson.parseManifestOrIndex(Files.readAllBytes(indexFile), MediaTypes.OCI_INDEX);
            for (Descriptor d : ((ImageDocument.OfIndex) existing).index().manifests()) {
                if (d.annotations() == null || !tag.equals(d.annotations().get(OciLayout.REF_NAME))) {
                    entries.add(d);
                }
            }
        }
        Descriptor root = manifest.descriptor();
        entries.add(new Descriptor(root.mediaType(), root.digest(), root.size(), null,
                Map.of(OciLayout.REF_NAME, tag), null));
        replace(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        replace(indexFile, ImageJson.write(Index.oci(entries)).raw());
    }

    /** The cache config and its manifest, written to the store and held by the lease. */
    private ImageDocument.OfManifest write(CacheConfig config) throws IOException {
        byte[] bytes = config.toJson();
        Descriptor configDescriptor = CacheDocuments.configDescriptor(bytes);
        lease.add(configDescriptor.parsedDigest());
        store.write(bytes);
        ImageDocument.OfManifest manifest = ImageJson.write(CacheDocuments.manifest(configDescriptor, config.blobs()));
        lease.add(manifest.digest());
        store.write(manifest.raw());
        return manifest;
    }

    private void copyBlob(Descriptor blob, Path dir) throws IOException {
        Path target = LayoutCacheSource.blob(dir, blob.parsedDigest());
        // Content-addressed: a file of the right size there is this blob, from an earlier export.
        if (Files.isRegularFile(target) && Files.size(target) == blob.size()) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".tmp-", "");
        try (InputStream in = store.open(blob.parsedDigest())) {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void replace(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".tmp-", "");
        try {
            Files.write(temp, content);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
