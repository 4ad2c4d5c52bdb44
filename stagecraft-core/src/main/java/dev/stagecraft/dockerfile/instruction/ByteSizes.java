package dev.stagecraft.dockerfile.instruction;

import java.util.Locale;
import java.util.regex.Pattern;

/** {@code units.RAMInBytes} of docker/go-units: {@code 64m}, {@code 1.5GiB}, {@code 512 kb}. */
final class ByteSizes {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final String PREFIXES = "kmgtp";

    private ByteSizes() {
    }

    /** The size in bytes (binary multiples), or -1 when go-units rejects the text. */
    static long ramInBytes(String text) {
        int sep = lastIndexOfAny(text, "0123456789. ");
        if (sep < 0) {
            return -1;
        }
        String number = text.charAt(sep) == ' ' ? text.substring(0, sep) : text.substring(0, sep + 1);
        String suffix = text.substring(sep + 1).toLowerCase(Locale.ROOT);
        if (!NUMBER.matcher(number).matches()) {
            return -1;
        }
        double size = Double.parseDouble(number);
        if (size < 0) {
            return -1;
        }
        if (suffix.isEmpty()) {
            return (long) size;
        }
        if (suffix.length() > 3) {
            return -1;
        }
        if (suffix.charAt(0) == 'b') {
            return suffix.length() == 1 ? (long) size : -1;
        }
        int power = PREFIXES.indexOf(suffix.charAt(0));
        if (power < 0) {
            return -1;
        }
        if (suffix.length() == 2 && suffix.charAt(1) != 'b' || suffix.length() == 3 && !suffix.endsWith("ib")) {
            return -1;
        }
        return (long) (size * Math.pow(1024, power + 1));
    }

    private static int lastIndexOfAny(String s, String chars) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
