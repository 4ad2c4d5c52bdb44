package dev.stagecraft.dockerfile.instruction;

import java.time.Duration;
import java.util.List;

/**
 * The image health check, as stored in the config. Unset durations and retries are zero.
 *
 * @param test {@code ["NONE"]}, {@code ["CMD", args...]} or {@code ["CMD-SHELL", command]}
 */
public record HealthConfig(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
        Duration startInterval, int retries) {
    public HealthConfig {
        test = List.copyOf(test);
    }
}
