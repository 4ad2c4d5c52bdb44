package dev.stagecraft.dockerfile.instruction;

/** Go's {@code %q} quoting, so error messages read exactly as BuildKit prints them. */
final class GoText {
    private GoText() {
    }

    /** {@code strconv.Quote} for the characters Dockerfiles realistically contain. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case 7:
                    out.append("\\a");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                case 11:
                    out.append("\\v");
                    break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }

    /**
     * {@code strconv.ParseInt(s, 10, 32)}.
     *
     * @throws IllegalArgumentException with Go's error text
     */
    static int parseInt32(String s) {
        String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("strconv.ParseInt: parsing " + quote(s) + ": invalid syntax");
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.ParseInt: parsing " + quote(s) + ": value out of range");
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
