package dev.stagecraft.solver;

import dev.stagecraft.graph.Vertex;
import java.util.List;

/**
 * Runs one vertex of the build graph once its inputs are ready: the solver's view of a worker.
 *
 * @param <R> what a vertex yields (a filesystem reference)
 */
@FunctionalInterface
public interface OpRunner<R> {
    /**
     * Runs {@code vertex} on the results of its inputs, in the order of {@link Vertex#inputs()}.
     * Called on a pool thread; an interrupt of that thread means the build was cancelled and the
     * runner must stop what it started and throw.
     */
    R run(Vertex vertex, List<R> inputs, StepLog log) throws Exception;
}
