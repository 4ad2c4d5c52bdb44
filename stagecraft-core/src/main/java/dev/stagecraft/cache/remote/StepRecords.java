package dev.stagecraft.cache.remote;

import dev.stagecraft.cache.CacheRecord;
import dev.stagecraft.graph.ExecOp;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.graph.MergeOp;
import dev.stagecraft.graph.Vertex;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cached steps of one build, each with the record it ran into or hit, collected while the
 * solver works so that {@code --cache-to} can export them afterwards. Safe for concurrent use.
 */
public final class StepRecords {
    private final Map<String, CacheRecord> byVertex = new LinkedHashMap<>();

    /** Notes that {@code vertex} ran or hit, with {@code record} its result. */
    public synchronized void add(Vertex vertex, CacheRecord record) {
        byVertex.put(vertex.digest(), record);
    }

    /** Every step of the build ({@code mode=max}), in the order they finished. */
    public synchronized List<CacheRecord> all() {
        return dedup(byVertex.values());
    }

    /**
     * The steps whose layers make up the image of {@code target} ({@code mode=min}): the chain of
     * root filesystems below it (a RUN's input 0, a file op's base, every input of a merge), across
     * the stages they come from; a {@code COPY --from} source stage is not part of it.
     */
    public synchronized List<CacheRecord> imageChain(Vertex target) {
        List<CacheRecord> out = new ArrayList<>();
        Deque<Vertex> pending = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        if (target != null) {
            pending.add(target);
        }
        while (!pending.isEmpty()) {
            Vertex v = pending.pop();
            if (!seen.add(v.digest())) {
                continue;
            }
            CacheRecord r = byVertex.get(v.digest());
            if (r != null) {
                out.add(0, r);
            }
            if (v.op() instanceof ExecOp && !v.inputs().isEmpty()) {
                pending.add(v.inputs().get(0));
            } else if (v.op() instanceof FileOp f && f.base() >= 0 && f.base() < v.inputs().size()) {
                pending.add(v.inputs().get(f.base()));
            } else if (v.op() instanceof MergeOp) {
                pending.addAll(v.inputs());
            }
        }
        return dedup(out);
    }

    private static List<CacheRecord> dedup(Iterable<CacheRecord> records) {
        Map<String, CacheRecord> byKey = new LinkedHashMap<>();
        records.forEach(r -> byKey.putIfAbsent(r.key(), r));
        return List.copyOf(byKey.values());
    }
}
