package dev.stagecraft.solver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.graph.ContextSourceOp;
import dev.stagecraft.graph.MergeOp;
import dev.stagecraft.graph.Vertex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The solver's use of a {@link ResultCache}: lookups before runs, records after, keys bottom-up. */
class SolverCacheTest {
    /** A cache in memory whose key is the vertex name with its inputs' keys, and whose records can be seeded. */
    private static final class MapCache implements ResultCache<String> {
        final Map<String, String> records = new ConcurrentHashMap<>();
        final List<String> keysAsked = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String key(Vertex vertex, List<String> inputKeys, List<String> inputs) {
            String key = vertex.name() + inputKeys;
            keysAsked.add(key);
            return key;
        }

        @Override
        public Optional<String> load(Vertex vertex, String key) {
            return Optional.ofNullable(records.get(key));
        }

        @Override
        public void store(Vertex vertex, String key, String result) {
            records.put(key, result);
        }
    }

    private static Vertex source(String name) {
        return new Vertex(new ContextSourceOp(name), List.of(), name);
    }

    private static Vertex merge(String name, Vertex... inputs) {
        return new Vertex(new MergeOp(), List.of(inputs), name);
    }

    private static final class Events implements SolveListener {
        final List<String> started = Collections.synchronizedList(new ArrayList<>());
        final List<String> cached = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void started(Vertex vertex) {
            started.add(vertex.name());
        }

        @Override
        public void cached(Vertex vertex, String key) {
            cached.add(vertex.name() + "=" + key);
        }
    }

    @Test
    void aSecondSolveTakesEveryResultFromTheCacheAndRunsNothing() throws Exception {
        Vertex top = merge("top", merge("left", source("a")), source("b"));
        MapCache cache = new MapCache();
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        OpRunner<String> runner = (v, inputs, log) -> {
            ran.add(v.name());
            return v.name() + inputs;
        };

        String first = new Solver<>(runner, cache, SolveListener.NONE, 2).solve(top);
        assertThat(ran).containsExactlyInAnyOrder("a", "b", "left", "top");
        ran.clear();
        Events events = new Events();
        String second = new Solver<>(runner, cache, events, 2).solve(top);

        assertThat(second).isEqualTo(first);
        assertThat(ran).isEmpty();
        assertThat(events.started).isEmpty();
        assertThat(events.cached).contains("top=top[left[a[]], b[]]");
    }

    @Test
    void keysAreMadeBottomUpFromTheInputsKeys() throws Exception {
        Vertex top = merge("top", merge("left", source("a")), source("b"));
        MapCache cache = new MapCache();
        new Solver<String>((v, inputs, log) -> v.name(), cache, SolveListener.NONE, 1).solve(top);
        assertThat(cache.keysAsked).containsExactlyInAnyOrder("a[]", "b[]", "left[a[]]", "top[left[a[]], b[]]");
    }

    @Test
    void onlyWhatTheCacheLacksRunsAndItsDependentsWithIt() throws Exception {
        Vertex top = merge("top", merge("left", source("a")), merge("right", source("b")));
        MapCache cache = new MapCache();
        // Recorded from an earlier build: the left branch and both sources, not the right merge.
        cache.records.put("a[]", "A");
        cache.records.put("b[]", "B");
        cache.records.put("left[a[]]", "LEFT");
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        Events events = new Events();

        String result = new Solver<String>((v, inputs, log) -> {
            ran.add(v.name());
            return v.name() + inputs;
        }, cache, events, 2).solve(top);

        assertThat(ran).containsExactlyInAnyOrder("right", "top");
        assertThat(result).isEqualTo("top[LEFT, right[B]]");
        assertThat(events.cached).containsExactlyInAnyOrder("a=a[]", "b=b[]", "left=left[a[]]");
        assertThat(cache.records).containsKeys("right[b[]]", "top[left[a[]], right[b[]]]");
    }
}
