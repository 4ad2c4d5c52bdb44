package dev.stagecraft.frontend;

import dev.stagecraft.text.GoText;
import java.time.Duration;
import java.util.List;

/**
 * Renders values the way Go's {@code fmt} does, because BuildKit writes history entries with
 * {@code %q} and {@code %v} and users compare them with docker's.
 */
final class GoFormat {
    private GoFormat() {
    }

    /** {@code fmt.Sprintf("%q", []string{...})}: {@code ["a" "b"]}. */
    static String quotedList(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(GoText.quote(values.get(i)));
        }
        return sb.append(']').toString();
    }

    /** {@code fmt.Sprintf("%v", []string{...})}: {@code [a b]}. */
    static String plainList(List<String> values) {
        return "[" + String.join(" ", values) + "]";
    }

    /** Go's {@code time.Duration.String()}: {@code 0s}, {@code 1.5s}, {@code 1m30s}, {@code 100ms}. */
    static String duration(Duration d) {
        long ns = d.toNanos();
        if (ns == 0) {
            return "0s";
        }
        boolean negative = ns < 0;
        long u = Math.abs(ns);
        String out;
        if (u < 1_000_000_000L) {
            if (u < 1_000L) {
                out = u + "ns";
            } else if (u < 1_000_000L) {
                out = fraction(u, 3) + "µs";
            } else {
                out = fraction(u, 6) + "ms";
            }
        } else {
            long hours = u / 3_600_000_000_000L;
            long rest = u % 3_600_000_000_000L;
            long minutes = rest / 60_000_000_000L;
            long secNanos = rest % 60_000_000_000L;
            StringBuilder sb = new StringBuilder();
            if (hours > 0) {
                sb.append(hours).append('h');
            }
            if (hours > 0 || minutes > 0) {
                sb.append(minutes).append('m');
            }
            sb.append(fraction(secNanos, 9)).append('s');
            out = sb.toString();
        }
        return negative ? "-" + out : out;
    }

    /** {@code value / 10^digits} with trailing zeros of the fraction dropped. */
    private static String fraction(long value, int digits) {
        long scale = (long) Math.pow(10, digits);
        long whole = value / scale;
        long frac = value % scale;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String f = String.format("%0" + digits + "d", frac).replaceAll("0+$", "");
        return whole + "." + f;
    }
}
