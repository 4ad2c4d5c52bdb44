package dev.stagecraft.api.event;

import java.time.Duration;
import java.util.List;

/**
 * Hears a build's progress: steps starting, writing output, finishing or failing, and warnings.
 * Called from the build's threads, possibly several at once: implementations must be thread-safe
 * and return quickly.
 */
public interface BuildListener {
    /** A step started. */
    default void stepStarted(BuildStep step) {
    }

    /** A running step wrote output; {@code stream} is 1 for stdout, 2 for stderr. */
    default void stepLog(BuildStep step, int stream, byte[] bytes, int offset, int length) {
    }

    /** A step was not run: the build cache had its result (BuildKit's {@code CACHED}). */
    default void stepCached(BuildStep step) {
    }

    /** A step finished. */
    default void stepCompleted(BuildStep step, Duration took) {
    }

    /**
     * A step failed, or was stopped ({@code cancelled}) because another failed or the build was
     * interrupted.
     */
    default void stepFailed(BuildStep step, String error, boolean cancelled) {
    }

    /**
     * Why each step that missed the cache missed, in Dockerfile order; heard once, after the
     * steps and before the outputs are written, when the request asks to explain the cache.
     */
    default void cacheMisses(List<CacheMiss> misses) {
    }

    /** Something the user should know that does not stop the build. */
    default void warning(String message) {
    }

    /** A listener that hears nothing. */
    BuildListener NONE = new BuildListener() {
    };
}
