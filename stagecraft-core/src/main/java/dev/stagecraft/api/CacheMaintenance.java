package dev.stagecraft.api;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.cache.CacheIndex;
import dev.stagecraft.cache.CacheRecord;
import dev.stagecraft.cache.RecordSelection;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.Leases;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.ReferenceStore;
import dev.stagecraft.image.ImageConfig;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The build cache's share of a root: its records as {@code du} lists them, which records a
 * prune removes, and what unpacked layers images and records still use.
 */
final class CacheMaintenance {
    private final LocalContentStore store;
    private final ReferenceStore references;
    private final Leases leases;
    private final CacheIndex index;
    private final StoreMaintenance maintenance;

    CacheMaintenance(Path root, LocalContentStore store, ReferenceStore references, Leases leases,
            StoreMaintenance maintenance) throws IOException {
        this.store = store;
        this.references = references;
        this.leases = leases;
        this.index = BuildCaches.index(root);
        this.maintenance = maintenance;
    }

    /** The records, most recently used first. */
    List<BuildCacheRecord> records() throws IOException {
        List<BuildCacheRecord> out = new ArrayList<>();
        for (CacheIndex.Entry e : index.list()) {
            CacheRecord r = e.record();
            long size = r.layers().isEmpty() ? 0 : r.layers().get(r.layers().size() - 1).blob().size();
            out.add(new BuildCacheRecord(r.key(), r.step(), size, created(r, e.lastUsed()), e.lastUsed()));
        }
        out.sort(Comparator.comparing(BuildCacheRecord::lastUsed).reversed().thenComparing(BuildCacheRecord::key));
        return out;
    }

    /** How many records there are, the bytes their blobs take, and the bytes only they hold. */
    record Usage(int records, long bytes, long aloneBytes) {
    }

    Usage usage() throws IOException {
        List<CacheIndex.Entry> entries = index.list();
        Map<String, Long> sizes = sizes(entries);
        return new Usage(entries.size(), RecordSelection.exclusiveBytes(entries, sizes, Set.of()),
                RecordSelection.exclusiveBytes(entries, sizes, heldElsewhere()));
    }

    /** Removes the records {@code options} select (not {@code all}: the caller drops every record then). */
    int removeSelected(PruneOptions options) throws IOException {
        List<CacheIndex.Entry> entries = index.list();
        Set<String> chosen = new LinkedHashSet<>();
        if (options.until() != null) {
            RecordSelection.unusedSince(entries, Instant.now().minus(options.until()))
                    .forEach(e -> chosen.add(e.record().key()));
        }
        if (options.keepStorage() >= 0) {
            List<CacheIndex.Entry> left = entries.stream().filter(e -> !chosen.contains(e.record().key())).toList();
            RecordSelection.leastRecentlyUsed(left, options.keepStorage(), sizes(left), heldElsewhere())
                    .forEach(e -> chosen.add(e.record().key()));
        }
        return remove(chosen);
    }

    /**
     * Removes the least recently used records until the blobs of the root would take at most
     * {@code limit} bytes, counting what images and running operations hold as fixed; nothing when
     * the root's blobs fit already.
     *
     * @return how many records it removed, or -1 when the root was within the limit
     */
    int removeDownTo(long limit, long storedBytes) throws IOException {
        if (storedBytes <= limit) {
            return -1;
        }
        Set<String> held = heldElsewhere();
        long fixed = 0;
        for (String d : held) {
            fixed += store.size(Digest.parse(d)).orElse(0L);
        }
        List<CacheIndex.Entry> entries = index.list();
        Set<String> chosen = new LinkedHashSet<>();
        RecordSelection.leastRecentlyUsed(entries, Math.max(0, limit - fixed), sizes(entries), held)
                .forEach(e -> chosen.add(e.record().key()));
        return remove(chosen);
    }

    /** Removes every record. */
    int removeAll() throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        index.list().forEach(e -> keys.add(e.record().key()));
        return remove(keys);
    }

    /** The diff id stacks images and records use: what unpacked layers must stay. */
    List<List<Digest>> stacksInUse() throws IOException {
        List<List<Digest>> out = new ArrayList<>();
        for (CacheIndex.Entry e : index.list()) {
            out.add(e.record().layers().stream().map(l -> Digest.parse(l.diffId())).toList());
        }
        Deque<Digest> work = new ArrayDeque<>();
        references.list().values().forEach(d -> work.add(d.parsedDigest()));
        Set<Digest> seen = new HashSet<>();
        while (!work.isEmpty()) {
            Digest d = work.pop();
            if (!seen.add(d) || !store.exists(d)) {
                continue;
            }
            ImageDocument doc;
            try {
                doc = ImageJson.parseManifestOrIndex(store.read(d), null);
            } catch (RuntimeException e) {
                continue;
            }
            if (doc instanceof ImageDocument.OfIndex i) {
                i.index().manifests().forEach(m -> work.add(m.parsedDigest()));
            } else if (doc instanceof ImageDocument.OfManifest m) {
                Descriptor config = m.manifest().config();
                if (store.exists(config.parsedDigest())) {
                    try {
                        ImageConfig c = ImageConfig.fromJson(store.read(config.parsedDigest()));
                        out.add(c.rootfs().diffIds().stream().map(Digest::parse).toList());
                    } catch (StagecraftException | IllegalArgumentException e) {
                        // Not an image config (an artifact): it unpacks nothing.
                    }
                }
            }
        }
        return out;
    }

    private int remove(Collection<String> keys) throws IOException {
        int removed = 0;
        for (String k : keys) {
            if (index.remove(k)) {
                removed++;
            }
        }
        return removed;
    }

    /** The blobs references and live leases hold, children included, as digest strings. */
    private Set<String> heldElsewhere() throws IOException {
        List<Digest> roots = new ArrayList<>(leases.liveDigests());
        references.list().values().forEach(d -> roots.add(d.parsedDigest()));
        Set<String> out = new HashSet<>();
        maintenance.reachableFrom(roots).forEach(d -> out.add(d.toString()));
        return out;
    }

    private Map<String, Long> sizes(List<CacheIndex.Entry> entries) throws IOException {
        Map<String, Long> out = new HashMap<>();
        for (CacheIndex.Entry e : entries) {
            for (String d : e.record().blobDigests()) {
                if (!out.containsKey(d)) {
                    out.put(d, store.size(Digest.parse(d)).orElse(0L));
                }
            }
        }
        return out;
    }

    private static Instant created(CacheRecord r, Instant fallback) {
        try {
            return Instant.parse(r.created());
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    /** The bytes of every blob in {@code store}. */
    static long storedBytes(LocalContentStore store) throws IOException {
        long total = 0;
        List<Digest> all;
        try (Stream<Digest> listed = store.list()) {
            all = listed.toList();
        }
        for (Digest d : all) {
            total += store.size(d).orElse(0L);
        }
        return total;
    }
}
