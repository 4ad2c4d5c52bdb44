package dev.stagecraft.text;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration} syntax, which {@code docker buildx prune --filter until=}
 * takes: a sequence of decimal numbers, each with an optional fraction and a unit ({@code ns},
 * {@code us}/{@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}), like {@code 24h},
 * {@code 90m}, {@code 1h30m} or {@code 1.5h}; {@code 0} alone needs no unit.
 */
public final class GoDurations {
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDurations() {
    }

    /**
     * The duration {@code text} names.
     *
     * @throws IllegalArgumentException with Go's wording when it is not a duration
     */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(text);
        }
        String s = text;
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < s.length()) {
            int numberEnd = at;
            while (numberEnd < s.length() && "0123456789.".indexOf(s.charAt(numberEnd)) >= 0) {
                numberEnd++;
            }
            int unitEnd = numberEnd;
            while (unitEnd < s.length() && "0123456789.".indexOf(s.charAt(unitEnd)) < 0) {
                unitEnd++;
            }
            String number = s.substring(at, numberEnd);
            String unit = s.substring(numberEnd, unitEnd);
            if (!number.matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+")) {
                throw invalid(text);
            }
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration " + GoText.quote(text));
            }
            Long scale = NANOS.get(unit);
            if (scale == null) {
                throw new IllegalArgumentException("time: unknown unit " + GoText.quote(unit) + " in duration "
                        + GoText.quote(text));
            }
            nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(scale)));
            at = unitEnd;
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid(text);
        }
        Duration d = Duration.ofNanos(nanos.longValue());
        return negative ? d.negated() : d;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + GoText.quote(String.valueOf(text)));
    }
}
