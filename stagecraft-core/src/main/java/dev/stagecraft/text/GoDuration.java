package dev.stagecraft.text;

import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}, with its error texts: HEALTHCHECK's flags and
 * {@code prune --filter until=} take durations in this syntax.
 */
public final class GoDuration {
    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    /** 1&lt;&lt;63 as an unsigned value; Go allows the magnitude to reach it before negation. */
    private static final long LIMIT = Long.MIN_VALUE;

    private GoDuration() {
    }

    /**
     * Parses e.g. {@code 1h30m}, {@code 1.5s}, {@code -2ms}, {@code 0}.
     *
     * @throws IllegalArgumentException with Go's message, e.g. {@code time: invalid duration "x"}
     */
    public static Duration parse(String orig) {
        String s = orig;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(orig);
        }
        long total = 0; // unsigned
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!(c == '.' || isDigit(c))) {
                throw invalid(orig);
            }
            int start = i;
            long v = 0;
            while (i < s.length() && isDigit(s.charAt(i))) {
                if (Long.compareUnsigned(v, Long.divideUnsigned(LIMIT, 10)) > 0) {
                    throw invalid(orig);
                }
                v = v * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(v, LIMIT) > 0) {
                    throw invalid(orig);
                }
                i++;
            }
            boolean pre = i != start;
            long fraction = 0;
            double scale = 1;
            boolean post = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fractionStart = i;
                boolean overflow = false;
                while (i < s.length() && isDigit(s.charAt(i))) {
                    if (!overflow) {
                        if (fraction > (Long.MAX_VALUE) / 10) {
                            overflow = true;
                        } else {
                            fraction = fraction * 10 + (s.charAt(i) - '0');
                            scale *= 10;
                        }
                    }
                    i++;
                }
                post = i != fractionStart;
            }
            if (!pre && !post) {
                throw invalid(orig);
            }
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
                i++;
            }
            if (i == unitStart) {
                throw new IllegalArgumentException("time: missing unit in duration " + GoText.quote(orig));
            }
            String unitName = s.substring(unitStart, i);
            Long unit = UNITS.get(unitName);
            if (unit == null) {
                throw new IllegalArgumentException("time: unknown unit " + GoText.quote(unitName)
                        + " in duration " + GoText.quote(orig));
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(LIMIT, unit)) > 0) {
                throw invalid(orig);
            }
            v *= unit;
            if (fraction > 0) {
                v += (long) (fraction * (unit / scale));
                if (Long.compareUnsigned(v, LIMIT) > 0) {
                    throw invalid(orig);
                }
            }
            total += v;
            if (Long.compareUnsigned(total, LIMIT) > 0) {
                throw invalid(orig);
            }
        }
        if (negative) {
            return Duration.ofNanos(-total);
        }
        if (total == LIMIT) {
            throw invalid(orig);
        }
        return Duration.ofNanos(total);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String orig) {
        return new IllegalArgumentException("time: invalid duration " + GoText.quote(orig));
    }
}
