package dev.stagecraft.api;

import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.GarbageCollector;
import dev.stagecraft.content.Leases;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.ReferenceStore;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageFormatException;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.snapshot.SnapshotCollector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Disk usage and garbage collection of a root directory: {@code stagecraft du} and {@code prune}. */
final class StoreMaintenance {
    /** Manifests and indexes are small; a larger blob is a layer and is not read to find children. */
    private static final long MAX_DOCUMENT = 4L << 20;

    private final LocalContentStore store;
    private final ReferenceStore references;
    private final Leases leases;
    private final Path root;

    StoreMaintenance(Path root, LocalContentStore store, ReferenceStore references, Leases leases) {
        this.root = root;
        this.store = store;
        this.references = references;
        this.leases = leases;
    }

    StoreUsage usage() throws IOException {
        List<Digest> all;
        try (Stream<Digest> stored = store.list()) {
            all = stored.toList();
        }
        Set<Digest> held = reachable();
        long total = 0;
        long reclaimable = 0;
        int reclaimableBlobs = 0;
        for (Digest d : all) {
            long size = store.size(d).orElse(0L);
            total += size;
            if (!held.contains(d)) {
                reclaimable += size;
                reclaimableBlobs++;
            }
        }
        CacheMaintenance.Usage cache = cache().usage();
        return new StoreUsage(references.list().size(), all.size(), total, reclaimableBlobs, reclaimable,
                cache.records(), cache.bytes(), cache.aloneBytes());
    }

    /** The build cache records, most recently used first. */
    List<BuildCacheRecord> cacheRecords() throws IOException {
        return cache().records();
    }

    PruneResult prune(boolean all) throws IOException {
        return prune(PruneOptions.DEFAULT.withAll(all));
    }

    PruneResult prune(PruneOptions options) throws IOException {
        List<String> untagged = new ArrayList<>();
        if (options.all()) {
            for (String name : references.list().keySet()) {
                if (references.remove(name).isPresent()) {
                    untagged.add(name);
                }
            }
        }
        CacheMaintenance cache = cache();
        int records = options.all() ? cache.removeAll() : cache.removeSelected(options);
        return collect(untagged, records, cache);
    }

    /**
     * The automatic collection after a build: when the root's blobs take more than {@code limit}
     * bytes, removes the least recently used cache records until they would fit, then collects.
     *
     * @return what it did, or empty when the root was within the limit
     */
    Optional<PruneResult> collectDownTo(long limit) throws IOException {
        CacheMaintenance cache = cache();
        int records = cache.removeDownTo(limit, CacheMaintenance.storedBytes(store));
        if (records < 0) {
            return Optional.empty();
        }
        return Optional.of(collect(List.of(), records, cache));
    }

    /** Garbage collection of blobs, then of unpacked layers nothing uses any more. */
    private PruneResult collect(List<String> untagged, int records, CacheMaintenance cache) throws IOException {
        GarbageCollector.Result result;
        try {
            result = new GarbageCollector(store, references, leases).collect(BuildCaches.index(root).blobs(),
                    this::children);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        SnapshotCollector.Result layers = SnapshotCollector.collect(root.resolve("snapshots"), cache.stacksInUse());
        return new PruneResult(untagged, result.removed().stream().map(Digest::toString).toList(),
                result.bytesFreed(), records, layers.removed(), layers.bytesFreed());
    }

    private CacheMaintenance cache() throws IOException {
        return new CacheMaintenance(root, store, references, leases, this);
    }

    /** What references and live leases hold, as the collector marks it (a snapshot: not under its lock). */
    private Set<Digest> reachable() throws IOException {
        List<Digest> roots = new ArrayList<>(leases.liveDigests());
        roots.addAll(BuildCaches.index(root).blobs());
        for (Descriptor d : references.list().values()) {
            roots.add(d.parsedDigest());
        }
        return reachableFrom(roots);
    }

    /** {@code roots} and every blob they lead to. */
    Set<Digest> reachableFrom(Collection<Digest> roots) throws IOException {
        Deque<Digest> work = new ArrayDeque<>(roots);
        Set<Digest> marked = new HashSet<>();
        while (!work.isEmpty()) {
            Digest d = work.pop();
            if (marked.add(d) && store.exists(d)) {
                work.addAll(children(d));
            }
        }
        return marked;
    }

    /**
     * The blobs a stored blob refers to. The collector knows digests, not media types, so a blob is
     * read only when it could be a manifest or index: small, and JSON. A config parses as neither
     * and has no children; a layer is never read past its first byte.
     */
    List<Digest> children(Digest digest) {
        try {
            Optional<Long> size = store.size(digest);
            if (size.isEmpty() || size.get() > MAX_DOCUMENT || !startsWithBrace(digest)) {
                return List.of();
            }
            ImageDocument doc;
            try {
                doc = ImageJson.parseManifestOrIndex(store.read(digest), null);
            } catch (ImageFormatException | IllegalArgumentException e) {
                return List.of();
            }
            List<Digest> out = new ArrayList<>();
            if (doc instanceof ImageDocument.OfIndex index) {
                index.index().manifests().forEach(m -> out.add(m.parsedDigest()));
            } else if (doc instanceof ImageDocument.OfManifest manifest) {
                out.add(manifest.manifest().config().parsedDigest());
                manifest.manifest().layers().forEach(l -> out.add(l.parsedDigest()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean startsWithBrace(Digest digest) throws IOException {
        try (InputStream in = store.open(digest)) {
            for (int b; (b = in.read()) >= 0; ) {
                if (!Character.isWhitespace(b)) {
                    return b == '{';
                }
            }
            return false;
        }
    }
}
