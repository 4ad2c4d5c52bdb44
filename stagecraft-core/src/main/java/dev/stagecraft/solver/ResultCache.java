package dev.stagecraft.solver;

import dev.stagecraft.graph.Vertex;
import java.util.List;
import java.util.Optional;

/**
 * Where the solver looks a vertex's result up before running it, and records it after: the
 * persistent build cache seen from the solver. Keys are computed bottom-up, each from the keys and
 * results of the vertex's inputs, so a key can cover content the graph does not hold (the files a
 * COPY selects from the build context).
 *
 * @param <R> what a vertex yields
 */
public interface ResultCache<R> {
    /**
     * The cache key of {@code vertex}: equal keys mean equal results.
     *
     * @param inputKeys the keys of its inputs, in the order of {@link Vertex#inputs()}
     * @param inputs    the results of its inputs, in the same order
     */
    String key(Vertex vertex, List<String> inputKeys, List<R> inputs) throws Exception;

    /** The recorded result of {@code key}, if there is a usable one. */
    Optional<R> load(Vertex vertex, String key) throws Exception;

    /** Records {@code result} under {@code key}; a failure to record must not fail the build. */
    void store(Vertex vertex, String key, R result);

    /** No cache: a vertex's key is its definition digest, nothing is found or recorded. */
    static <R> ResultCache<R> none() {
        return new ResultCache<>() {
            @Override
            public String key(Vertex vertex, List<String> inputKeys, List<R> inputs) {
                return vertex.digest();
            }

            @Override
            public Optional<R> load(Vertex vertex, String key) {
                return Optional.empty();
            }

            @Override
            public void store(Vertex vertex, String key, R result) {
            }
        };
    }
}
