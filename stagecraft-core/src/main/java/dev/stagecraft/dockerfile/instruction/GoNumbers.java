package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.text.GoText;

/** Go's {@code strconv} number and boolean parsing, with its error texts. */
final class GoNumbers {
    private GoNumbers() {
    }

    /**
     * {@code strconv.ParseInt(s, 10, 32)}.
     *
     * @throws IllegalArgumentException with Go's error text
     */
    static int parseInt32(String s) {
        String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("strconv.ParseInt: parsing " + GoText.quote(s) + ": invalid syntax");
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.ParseInt: parsing " + GoText.quote(s) + ": value out of range");
        }
    }

    /** {@code strconv.ParseUint(s, radix, 32)}, or -1 when Go would fail. */
    static long parseUint32(String s, int radix) {
        if (s.isEmpty()) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0 || s.charAt(i) > 0x7f) {
                return -1;
            }
            n = n * radix + d;
            if (n > 0xFFFF_FFFFL) {
                return -1;
            }
        }
        return n;
    }

    /** {@code strconv.ParseBool}. */
    static Boolean parseBool(String s) {
        switch (s) {
            case "1": case "t": case "T": case "true": case "TRUE": case "True":
                return Boolean.TRUE;
            case "0": case "f": case "F": case "false": case "FALSE": case "False":
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
