package dev.stagecraft.content;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Deletes the blobs nothing holds: mark from every reference, every live lease and any extra
 * roots (say, the cache's records), following the children of each blob, then sweep the rest.
 *
 * <p>The whole collection runs under the exclusive {@code gc} lock, which every commit of a blob
 * takes shared: a blob written while a collection runs becomes visible only after it, so it is
 * never swept. Leases are read before references, so content whose writer moves it from a lease
 * to a reference (put the reference, then release the lease) is seen in one of them.
 */
public final class GarbageCollector {
    private final LocalContentStore store;
    private final ReferenceStore references;
    private final Leases leases;

    /** A collector of {@code store} holding what {@code references} and {@code leases} name. */
    public GarbageCollector(LocalContentStore store, ReferenceStore references, Leases leases) {
        this.store = store;
        this.references = references;
        this.leases = leases;
    }

    /** What a collection did. */
    public record Result(List<Digest> removed, long bytesFreed, int kept) {
        public Result {
            removed = List.copyOf(removed);
        }
    }

    /**
     * Collects with references and leases as the only roots.
     *
     * @param children the blobs a stored blob refers to (a manifest's config and layers, an
     *                 index's manifests), empty for other blobs; it may read the store but must not
     *                 write to it
     */
    public Result collect(Function<Digest, List<Digest>> children) throws IOException {
        return collect(List.of(), children);
    }

    /**
     * Collects with references, leases and {@code extraRoots} as roots.
     *
     * @param children as for {@link #collect(Function)}
     */
    public Result collect(Collection<Digest> extraRoots, Function<Digest, List<Digest>> children)
            throws IOException {
        try (StoreLock.Held held = store.gcLock().exclusive()) {
            Set<Digest> marked = mark(roots(extraRoots), children);
            return sweep(marked);
        }
    }

    private List<Digest> roots(Collection<Digest> extraRoots) throws IOException {
        List<Digest> roots = new ArrayList<>(leases.liveDigests());
        for (Descriptor descriptor : references.list().values()) {
            roots.add(descriptor.parsedDigest());
        }
        roots.addAll(extraRoots);
        return roots;
    }

    private Set<Digest> mark(List<Digest> roots, Function<Digest, List<Digest>> children) {
        Set<Digest> marked = new HashSet<>();
        Deque<Digest> work = new ArrayDeque<>(roots);
        while (!work.isEmpty()) {
            Digest digest = work.pop();
            // A missing blob (a lease taken before the pull) has no children to follow.
            if (marked.add(digest) && store.exists(digest)) {
                work.addAll(children.apply(digest));
            }
        }
        return marked;
    }

    private Result sweep(Set<Digest> marked) throws IOException {
        List<Digest> removed = new ArrayList<>();
        long freed = 0;
        int kept = 0;
        List<Digest> stored;
        try (Stream<Digest> all = store.list()) {
            stored = all.toList();
        }
        for (Digest digest : stored) {
            if (marked.contains(digest)) {
                kept++;
                continue;
            }
            Optional<Long> size = store.size(digest);
            if (store.delete(digest)) {
                removed.add(digest);
                freed += size.orElse(0L);
            }
        }
        store.cleanIngest(LocalContentStore.STALE_INGEST);
        return new Result(removed, freed, kept);
    }
}
