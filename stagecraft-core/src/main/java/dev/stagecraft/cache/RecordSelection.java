package dev.stagecraft.cache;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which cache records a collection removes, as BuildKit's prune policies choose them: those not
 * used since a point in time ({@code --filter until=}), and the least recently used ones until
 * what the cache alone holds fits a size ({@code --keep-storage}).
 */
public final class RecordSelection {
    private RecordSelection() {
    }

    /** The records last used before {@code cutoff}. */
    public static List<CacheIndex.Entry> unusedSince(Collection<CacheIndex.Entry> entries, Instant cutoff) {
        return entries.stream().filter(e -> e.lastUsed().isBefore(cutoff)).toList();
    }

    /**
     * The least recently used records whose removal brings the bytes the remaining records alone
     * hold down to {@code limit} or below, oldest first. A blob counts once however many records
     * name it, and not at all while it is in {@code heldElsewhere} (an image holds it, so removing
     * records would not free it).
     *
     * @param sizes blob digest to size; a missing blob counts as 0
     */
    public static List<CacheIndex.Entry> leastRecentlyUsed(Collection<CacheIndex.Entry> entries, long limit,
            Map<String, Long> sizes, Set<String> heldElsewhere) {
        Map<String, Integer> holders = new HashMap<>();
        for (CacheIndex.Entry e : entries) {
            for (String d : distinctBlobs(e)) {
                holders.merge(d, 1, Integer::sum);
            }
        }
        long held = 0;
        for (String d : holders.keySet()) {
            held += heldElsewhere.contains(d) ? 0 : sizes.getOrDefault(d, 0L);
        }
        List<CacheIndex.Entry> byAge = new ArrayList<>(entries);
        // Ties broken by key, so the choice does not depend on the directory's order.
        byAge.sort(Comparator.comparing(CacheIndex.Entry::lastUsed).thenComparing(e -> e.record().key()));
        List<CacheIndex.Entry> out = new ArrayList<>();
        for (CacheIndex.Entry e : byAge) {
            if (held <= limit) {
                break;
            }
            out.add(e);
            for (String d : distinctBlobs(e)) {
                if (holders.merge(d, -1, Integer::sum) == 0 && !heldElsewhere.contains(d)) {
                    held -= sizes.getOrDefault(d, 0L);
                }
            }
        }
        return out;
    }

    /** The bytes of the blobs {@code entries} name that are not in {@code heldElsewhere}, each counted once. */
    public static long exclusiveBytes(Collection<CacheIndex.Entry> entries, Map<String, Long> sizes,
            Set<String> heldElsewhere) {
        return entries.stream().flatMap(e -> distinctBlobs(e).stream()).distinct()
                .filter(d -> !heldElsewhere.contains(d)).mapToLong(d -> sizes.getOrDefault(d, 0L)).sum();
    }

    private static Set<String> distinctBlobs(CacheIndex.Entry e) {
        return Set.copyOf(e.record().blobDigests());
    }
}
