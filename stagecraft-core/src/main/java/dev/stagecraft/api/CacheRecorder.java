package dev.stagecraft.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagecraft.api.event.BuildListener;
import dev.stagecraft.api.event.BuildStep;
import dev.stagecraft.api.event.CacheMiss;
import dev.stagecraft.cache.BuildRecord;
import dev.stagecraft.cache.BuildRecords;
import dev.stagecraft.cache.CacheKeys;
import dev.stagecraft.cache.CacheMissExplainer;
import dev.stagecraft.context.SelectionListing;
import dev.stagecraft.frontend.FrontendResult;
import dev.stagecraft.frontend.PlannedStep;
import dev.stagecraft.frontend.StagePlan;
import dev.stagecraft.graph.ContextSourceOp;
import dev.stagecraft.graph.ImageSourceOp;
import dev.stagecraft.graph.Vertex;
import dev.stagecraft.solver.ResultCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches one build's cache: the key of every vertex, the context selections the keys covered,
 * and which lookups found nothing; makes the lookups of {@code --no-cache-filter}'s vertices find
 * nothing; and afterwards writes this build's {@link BuildRecord} and says why each miss missed.
 */
final class CacheRecorder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FrontendResult plan;
    private final Set<String> filtered;
    private final boolean noCache;
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final Map<String, List<Selected>> selections = new ConcurrentHashMap<>();
    private final Set<String> missed = ConcurrentHashMap.newKeySet();
    private final Map<String, String> names = new HashMap<>();
    /** The digests of the steps of the last {@link #record}, in its order. */
    private final List<String> recorded = new ArrayList<>();

    private record Selected(int input, String source, SelectionListing listing) {
    }

    /**
     * @param filtered the digests of the vertices {@code --no-cache-filter} makes run
     * @param noCache  {@code --no-cache}: every lookup finds nothing
     */
    CacheRecorder(FrontendResult plan, Set<String> filtered, boolean noCache) {
        this.plan = plan;
        this.filtered = Set.copyOf(filtered);
        this.noCache = noCache;
        for (StagePlan stage : plan.stages()) {
            for (PlannedStep step : stage.steps()) {
                if (step.vertex() != null) {
                    names.putIfAbsent(step.vertex().digest(), step.text());
                }
            }
        }
    }

    /** Hears the selections {@link CacheKeys} covers, for the record. */
    CacheKeys.SelectionObserver observer() {
        return (vertex, input, selection, listing) -> selections
                .computeIfAbsent(vertex.digest(), d -> Collections.synchronizedList(new ArrayList<>()))
                .add(new Selected(input, selection.source(), listing));
    }

    /** {@code cache} with keys and misses seen, and the filtered vertices' lookups skipped. */
    <R> ResultCache<R> around(ResultCache<R> cache) {
        return new ResultCache<>() {
            @Override
            public String key(Vertex vertex, List<String> inputKeys, List<R> inputs) throws Exception {
                String key = cache.key(vertex, inputKeys, inputs);
                keys.put(vertex.digest(), key);
                return key;
            }

            @Override
            public Optional<R> load(Vertex vertex, String key) throws Exception {
                Optional<R> found = filtered.contains(vertex.digest()) ? Optional.empty() : cache.load(vertex, key);
                if (found.isEmpty()) {
                    missed.add(vertex.digest());
                }
                return found;
            }

            @Override
            public void store(Vertex vertex, String key, R result) {
                cache.store(vertex, key, result);
            }
        };
    }

    /** This build's record, once the target is solved: the cached kinds of step it keyed, in Dockerfile order. */
    BuildRecord record(Vertex target, String settings) {
        List<BuildRecord.Step> steps = new ArrayList<>();
        Map<String, Map<String, String>> entries = new LinkedHashMap<>();
        recorded.clear();
        for (Vertex v : ordered(target)) {
            recorded.add(v.digest());
            List<BuildRecord.Input> inputs = new ArrayList<>();
            List<Selected> selected = selections.getOrDefault(v.digest(), List.of());
            for (int i = 0; i < v.inputs().size(); i++) {
                Vertex in = v.inputs().get(i);
                List<BuildRecord.Selected> sel = new ArrayList<>();
                synchronized (selected) {
                    for (Selected s : selected) {
                        if (s.input() == i) {
                            String checksum = s.listing().checksum().toString();
                            sel.add(new BuildRecord.Selected(s.source(), checksum));
                            entries.putIfAbsent(checksum, s.listing().entries());
                        }
                    }
                }
                inputs.add(new BuildRecord.Input(String.valueOf(keys.get(in.digest())), from(in), sel));
            }
            String name = name(v);
            steps.add(new BuildRecord.Step(name, position(name), keys.get(v.digest()), op(v), inputs));
        }
        return new BuildRecord(BuildRecord.VERSION, settings, steps, entries);
    }

    /**
     * Ends the build's watch: writes this build's record for {@code dockerfile} and
     * {@code target}, replacing the last one, and when {@code explain} is set tells the listener
     * why each miss missed, compared with that last one. A record that cannot be written costs
     * only the next explanation, so it does not fail the build.
     *
     * @param records where records are kept; null when this build has nothing to be compared with
     *                (a Dockerfile inside a streamed context has a new path every time)
     */
    void finish(BuildRecords records, String dockerfile, String target, Vertex solved, String settings,
            boolean explain, BuildListener listener) {
        BuildRecord current = record(solved, settings);
        Optional<BuildRecord> previous = explain && records != null ? records.read(dockerfile, target)
                : Optional.empty();
        if (records != null) {
            try {
                records.write(dockerfile, target, current);
            } catch (IOException e) {
                listener.warning("cannot record this build for --explain-cache: " + e.getMessage());
            }
        }
        if (explain) {
            listener.cacheMisses(misses(current, previous));
        }
    }

    /** Why each step that missed did, in record order. */
    List<CacheMiss> misses(BuildRecord current, Optional<BuildRecord> previous) {
        CacheMissExplainer explainer = new CacheMissExplainer(previous, current);
        StepVariables variables = new StepVariables(plan);
        List<CacheMiss> out = new ArrayList<>();
        for (int i = 0; i < current.steps().size() && i < recorded.size(); i++) {
            BuildRecord.Step step = current.steps().get(i);
            String digest = recorded.get(i);
            if (!missed.contains(digest)) {
                continue;
            }
            String reason = noCache ? "--no-cache"
                    : filtered.contains(digest) ? "--no-cache-filter"
                    : "cache miss: " + explainer.explain(step, variables::kind);
            out.add(new CacheMiss(new BuildStep(digest, step.name()), reason));
        }
        return out;
    }

    /** The solved vertices that are cached kinds of step: the Dockerfile's in its order, then any others. */
    private List<Vertex> ordered(Vertex target) {
        Map<String, Vertex> out = new LinkedHashMap<>();
        List<Vertex> closure = target == null ? List.of() : target.closure();
        Map<String, Vertex> reached = new HashMap<>();
        closure.forEach(v -> reached.put(v.digest(), v));
        for (StagePlan stage : plan.stages()) {
            for (PlannedStep step : stage.steps()) {
                Vertex v = step.vertex() == null ? null : reached.get(step.vertex().digest());
                if (v != null && NoCacheFilter.worksOnFiles(v) && keys.containsKey(v.digest())) {
                    out.putIfAbsent(v.digest(), v);
                }
            }
        }
        for (Vertex v : closure) {
            if (NoCacheFilter.worksOnFiles(v) && keys.containsKey(v.digest())) {
                out.putIfAbsent(v.digest(), v);
            }
        }
        return new ArrayList<>(out.values());
    }

    private String name(Vertex v) {
        String n = names.get(v.digest());
        return n != null ? n : String.valueOf(v.name());
    }

    /** What made an input: a step, an image, the context. */
    private String from(Vertex in) {
        if (in.op() instanceof ImageSourceOp image) {
            return "base image " + image.reference();
        }
        if (in.op() instanceof ContextSourceOp) {
            return "context";
        }
        return name(in);
    }

    /** {@code [build 3} of {@code [build 3/4] COPY app.txt .}: the stage and the step's number in it. */
    private static String position(String name) {
        int slash = name.indexOf('/');
        int close = name.indexOf(']');
        return name.startsWith("[") && slash > 0 && (close < 0 || slash < close) ? name.substring(0, slash) : "";
    }

    private static JsonNode op(Vertex v) {
        try {
            return JSON.readTree(v.opJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back a graph op's JSON", e);
        }
    }
}
