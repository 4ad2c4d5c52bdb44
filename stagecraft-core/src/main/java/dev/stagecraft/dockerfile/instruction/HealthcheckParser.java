package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.parser.Node;
import dev.stagecraft.text.GoDuration;
import dev.stagecraft.text.GoText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code HEALTHCHECK [--interval=...] CMD ...} and {@code HEALTHCHECK NONE}. */
final class HealthcheckParser {
    /** Docker's minimum for every health-check duration that is not zero. */
    private static final Duration MINIMUM = Duration.ofMillis(1);

    private HealthcheckParser() {
    }

    static HealthcheckInstruction healthcheck(Node node) {
        List<String> args = node.args();
        if (args.isEmpty()) {
            throw new DockerfileException("HEALTHCHECK requires at least one argument");
        }
        String type = args.get(0).toUpperCase(Locale.ROOT);
        List<String> command = args.subList(1, args.size());
        if (type.equals("NONE")) {
            // NONE never parses its flags, so they pass silently (as in BuildKit).
            if (!command.isEmpty()) {
                throw new DockerfileException("HEALTHCHECK NONE takes no arguments");
            }
            HealthConfig none = new HealthConfig(List.of("NONE"), Duration.ZERO, Duration.ZERO, Duration.ZERO,
                    Duration.ZERO, 0);
            return new HealthcheckInstruction(none, node.location(), SimpleInstructions.code(node));
        }
        BuilderFlags flags = new BuilderFlags(node.flags());
        BuilderFlags.Flag interval = flags.addString("interval", "");
        BuilderFlags.Flag timeout = flags.addString("timeout", "");
        BuilderFlags.Flag startPeriod = flags.addString("start-period", "");
        BuilderFlags.Flag startInterval = flags.addString("start-interval", "");
        BuilderFlags.Flag retries = flags.addString("retries", "");
        flags.parse();

        if (!type.equals("CMD")) {
            throw new DockerfileException("Unknown type " + GoText.quote(type) + " in HEALTHCHECK (try CMD)");
        }
        if (command.isEmpty()) {
            throw new DockerfileException("Missing command after HEALTHCHECK CMD");
        }
        List<String> test = new ArrayList<>();
        if (node.json()) {
            test.add("CMD");
            test.addAll(command);
        } else {
            test.add("CMD-SHELL");
            test.add(String.join(" ", command));
        }
        HealthConfig health = new HealthConfig(test, duration(interval), duration(timeout), duration(startPeriod),
                duration(startInterval), retries(retries));
        return new HealthcheckInstruction(health, node.location(), SimpleInstructions.code(node));
    }

    /** Unset or zero means "runtime default"; anything else must be at least 1ms. */
    private static Duration duration(BuilderFlags.Flag flag) {
        if (flag.value().isEmpty()) {
            return Duration.ZERO;
        }
        Duration d;
        try {
            d = GoDuration.parse(flag.value());
        } catch (IllegalArgumentException e) {
            throw new DockerfileException(e.getMessage());
        }
        if (d.isZero()) {
            return d;
        }
        if (d.compareTo(MINIMUM) < 0) {
            throw new DockerfileException("Interval " + GoText.quote(flag.name()) + " cannot be less than 1ms");
        }
        return d;
    }

    private static int retries(BuilderFlags.Flag flag) {
        if (flag.value().isEmpty()) {
            return 0;
        }
        int retries;
        try {
            retries = GoNumbers.parseInt32(flag.value());
        } catch (IllegalArgumentException e) {
            throw new DockerfileException(e.getMessage());
        }
        if (retries < 0) {
            throw new DockerfileException("--retries cannot be negative (" + retries + ")");
        }
        return retries;
    }
}
