package dev.stagecraft.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(1000));

    @Test
    void baseDoublesUpToTheCapAndJitterStaysInTheUpperHalf() {
        long[] bases = {100, 200, 400, 800, 1000, 1000};
        for (int retry = 1; retry <= bases.length; retry++) {
            long base = bases[retry - 1];
            assertThat(policy.delayBeforeRetry(retry, 0).toMillis()).as("retry %d low", retry).isEqualTo(base / 2);
            assertThat(policy.delayBeforeRetry(retry, 0.999).toMillis()).as("retry %d high", retry)
                    .isBetween(base - 1, base);
        }
        assertThat(policy.delayBeforeRetry(60, 0.5)).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void retryableStatuses() {
        assertThat(RetryPolicy.isRetryableStatus(500)).isTrue();
        assertThat(RetryPolicy.isRetryableStatus(502)).isTrue();
        assertThat(RetryPolicy.isRetryableStatus(503)).isTrue();
        assertThat(RetryPolicy.isRetryableStatus(429)).isTrue();
        assertThat(RetryPolicy.isRetryableStatus(501)).isFalse();
        assertThat(RetryPolicy.isRetryableStatus(401)).isFalse();
        assertThat(RetryPolicy.isRetryableStatus(404)).isFalse();
        assertThat(RetryPolicy.isRetryableStatus(200)).isFalse();
    }

    @Test
    void invalidPoliciesAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.delayBeforeRetry(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RetryPolicy.NONE.maxAttempts()).isEqualTo(1);
    }

    @Test
    void retryAfterIsHonouredUpToTheLongestWait() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(1500));
        assertThat(policy.delayBeforeRetry(1, 0, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayBeforeRetry(1, 0, Duration.ofSeconds(60))).isEqualTo(Duration.ofMillis(1500));
        // A Retry-After shorter than the backoff does not shorten it.
        assertThat(policy.delayBeforeRetry(1, 0, Duration.ZERO)).isEqualTo(Duration.ofMillis(5));
        assertThat(policy.delayBeforeRetry(1, 0, null)).isEqualTo(Duration.ofMillis(5));
    }
}
