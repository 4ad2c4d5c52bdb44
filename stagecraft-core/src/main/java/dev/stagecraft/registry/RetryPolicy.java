package dev.stagecraft.registry;

import java.time.Duration;

/**
 * How often and how patiently a registry request is tried again after a server error (5xx),
 * throttling (429), a reset connection or a timeout: exponential backoff with jitter, a bounded
 * number of attempts. Jitter spreads the retries of parallel layer downloads so that they do not
 * hit a struggling registry in lock step.
 *
 * @param maxAttempts  attempts in all, at least 1 (1 means no retry)
 * @param initialDelay the base wait before the first retry
 * @param maxDelay     the cap of the base wait
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    /** Five attempts, waits growing from 0.5s to at most 10s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(10));
    /** One attempt only. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
        }
    }

    /**
     * The wait before retry number {@code retry} (1 for the first): the base
     * {@code min(maxDelay, initialDelay * 2^(retry-1))}, of which the upper half is scaled by
     * {@code random} ("equal jitter"), so a wait is never below half the base.
     *
     * @param random a value in [0, 1)
     */
    public Duration delayBeforeRetry(int retry, double random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1: " + retry);
        }
        long base = initialDelay.toMillis();
        for (int i = 1; i < retry && base < maxDelay.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, maxDelay.toMillis());
        return Duration.ofMillis(base / 2 + (long) (random * (base - base / 2)));
    }

    /**
     * The wait before retry number {@code retry} when the registry asked for one with
     * {@code Retry-After}: the longer of the two, but never beyond {@code maxDelay}, so a
     * registry cannot park a build for an hour.
     */
    public Duration delayBeforeRetry(int retry, double random, Duration retryAfter) {
        Duration wait = delayBeforeRetry(retry, random);
        if (retryAfter == null || retryAfter.compareTo(wait) <= 0) {
            return wait;
        }
        return retryAfter.compareTo(maxDelay) <= 0 ? retryAfter : maxDelay;
    }

    /** The statuses worth another attempt: throttling and transient server errors. */
    public static boolean isRetryableStatus(int status) {
        return status == 429 || status == 408 || status >= 500 && status != 501 && status != 505;
    }
}
