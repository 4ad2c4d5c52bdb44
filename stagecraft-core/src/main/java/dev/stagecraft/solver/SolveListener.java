package dev.stagecraft.solver;

import dev.stagecraft.graph.Vertex;
import java.time.Duration;

/** Hears what the solver does, from its pool threads; implementations must be thread-safe and quick. */
public interface SolveListener {
    /** {@code vertex} started running. */
    default void started(Vertex vertex) {
    }

    /** {@code vertex} wrote output. */
    default void log(Vertex vertex, int stream, byte[] bytes, int offset, int length) {
    }

    /** {@code vertex} was not run: the cache had its result under {@code key}. */
    default void cached(Vertex vertex, String key) {
    }

    /** {@code vertex} finished. */
    default void completed(Vertex vertex, Duration took) {
    }

    /** {@code vertex} failed ({@code cancelled} when another step's failure or the user stopped it). */
    default void failed(Vertex vertex, Throwable error, boolean cancelled) {
    }

    /** A listener that hears nothing. */
    SolveListener NONE = new SolveListener() {
    };
}
