package dev.stagecraft.frontend;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.instruction.Stage;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * {@code SOURCE_DATE_EPOCH}: a build arg (or global ARG) that fixes the timestamps a build writes,
 * for reproducible images. A number is Unix seconds. {@code context} or a stage name asks BuildKit
 * to read the time from source metadata, which only a build can fetch: a plan then has none.
 */
final class SourceDateEpoch {
    static final String NAME = "SOURCE_DATE_EPOCH";

    /** The resolved value: the time, or null when there is none (yet). */
    record Value(Instant time, boolean deferredToBuild) {
        /** The time as Go's {@code time.Time} JSON writes it, or null. */
        String rfc3339() {
            return time == null ? null : DateTimeFormatter.ISO_INSTANT.format(time);
        }
    }

    private SourceDateEpoch() {
    }

    static Value resolve(Map<String, String> buildArgs, EnvList globals, List<Stage> stages) {
        String v = buildArgs.containsKey(NAME) ? buildArgs.get(NAME) : globals.get(NAME);
        if (v == null || v.isEmpty()) {
            return new Value(null, false);
        }
        if (v.matches("[+-]?[0-9]{1,19}")) {
            try {
                return new Value(Instant.ofEpochSecond(Long.parseLong(v)), false);
            } catch (NumberFormatException | java.time.DateTimeException outOfRange) {
                // Falls through to the named forms, as Go's ParseInt failing does.
            }
        }
        if (v.equals("context") || stages.stream().anyMatch(s -> v.equalsIgnoreCase(s.name()))) {
            return new Value(null, true);
        }
        throw new DockerfileException("invalid SOURCE_DATE_EPOCH: " + v);
    }
}
