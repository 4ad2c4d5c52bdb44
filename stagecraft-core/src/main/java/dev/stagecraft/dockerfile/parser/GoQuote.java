package dev.stagecraft.dockerfile.parser;

/**
 * Go's {@code strconv.Quote}, which BuildKit uses both in error messages ({@code %q}) and in the
 * AST dump that the conformance data is written in.
 */
final class GoQuote {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoQuote() {
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            appendRune(out, cp);
        }
        return out.append('"').toString();
    }

    private static void appendRune(StringBuilder out, int cp) {
        switch (cp) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0B -> out.append("\\v");
            default -> {
                if (isPrint(cp)) {
                    out.appendCodePoint(cp);
                } else if (cp < ' ' || cp == 0x7F) {
                    hex(out.append("\\x"), cp, 2);
                } else if (cp < 0x10000) {
                    hex(out.append("\\u"), cp, 4);
                } else {
                    hex(out.append("\\U"), cp, 8);
                }
            }
        }
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space. */
    static boolean isPrint(int cp) {
        if (cp < 0x80) {
            return cp >= 0x20 && cp < 0x7F;
        }
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                    Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                    Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    private static void hex(StringBuilder out, int value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(value >> shift) & 0xF]);
        }
    }
}
