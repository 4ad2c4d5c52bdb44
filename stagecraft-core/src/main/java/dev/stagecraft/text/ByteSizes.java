package dev.stagecraft.text;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as Docker's command line takes them for {@code --keep-storage} (go-units
 * {@code RAMInBytes}): a number, optionally with a fraction, and an optional unit {@code b},
 * {@code k}, {@code m}, {@code g}, {@code t} or {@code p}, with or without a trailing {@code b} or
 * {@code ib}, in any case. Units are binary: {@code 1KB} is 1024 bytes, {@code 10GB} is 10 GiB.
 */
public final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(i?b)?");

    private ByteSizes() {
    }

    /**
     * The bytes {@code text} names, rounded down.
     *
     * @throws IllegalArgumentException when it is not a size
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || (m.group(3) != null && m.group(3).equals("ib") && m.group(2).isEmpty())) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        int shift = 10 * "_kmgtp".indexOf(m.group(2).isEmpty() ? "_" : m.group(2));
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(2).pow(shift));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("invalid size: '" + text + "' is too large");
        }
        return bytes.longValue();
    }
}
