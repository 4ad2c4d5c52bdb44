package dev.stagecraft.registry;

import dev.stagecraft.StagecraftException;
import java.time.Duration;
import java.util.Optional;

/**
 * A registry operation that failed. The message names the registry (or the reference) and, where
 * the user can do something, what: {@code run: stagecraft login <host>},
 * {@code --insecure-registry <host>}.
 */
public class RegistryException extends StagecraftException {
    private static final long serialVersionUID = 1L;

    private final String registry;
    private final int status;
    private final boolean retryable;
    private final transient Duration retryAfter;

    /**
     * @param registry   the registry host
     * @param status     the HTTP status, or 0 when no answer came
     * @param retryable  whether trying again may help (5xx, 429, broken connections)
     * @param retryAfter what the registry asked to wait ({@code Retry-After}), or null
     */
    public RegistryException(String message, String registry, int status, boolean retryable, Duration retryAfter,
            Throwable cause) {
        super(message, cause);
        this.registry = registry;
        this.status = status;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** A failure trying again will not fix. */
    public RegistryException(String message, String registry) {
        this(message, registry, 0, false, null, null);
    }

    /** The registry host. */
    public String registry() {
        return registry;
    }

    /** The HTTP status, or 0 when the registry gave none (connection failures, bad content). */
    public int status() {
        return status;
    }

    /** True when trying again may succeed. */
    public boolean isRetryable() {
        return retryable;
    }

    /** The wait the registry asked for in {@code Retry-After}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
