package dev.stagecraft.dockerfile.shell;

/**
 * The few pieces of Go's text semantics that BuildKit's messages and word splitting depend on.
 * Java's own notions differ (for instance {@link Character#isWhitespace} rejects U+00A0 while Go's
 * {@code unicode.IsSpace} accepts it), so they are spelled out here.
 */
final class GoText {
    private GoText() {
    }

    /** Go's {@code unicode.IsSpace}: Latin-1 spaces plus the Unicode White_Space property. */
    static boolean isSpace(int ch) {
        switch (ch) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                return true;
            default:
                return ch >= 0x2000 && ch <= 0x200A;
        }
    }

    /** Go's {@code unicode.IsLetter}: any code point of general category L. */
    static boolean isLetter(int ch) {
        return ch >= 0 && Character.isLetter(ch);
    }

    /** Go's {@code unicode.IsDigit}: general category Nd only (Java agrees). */
    static boolean isDigit(int ch) {
        return ch >= 0 && Character.isDigit(ch);
    }

    /**
     * Go's {@code string(rune)}: the end-of-input marker (-1) is not a valid rune and becomes
     * U+FFFD, which is what BuildKit prints in e.g. {@code unsupported modifier (:U+FFFD)}.
     */
    static String runeString(int ch) {
        return ch < 0 || ch > Character.MAX_CODE_POINT ? "\uFFFD" : new String(Character.toChars(ch));
    }

    /**
     * Go's {@code %q} ({@code strconv.Quote}) as used in {@code failed to process %q}: printable
     * characters are kept, {@code "} and {@code \} are escaped, control characters use the short
     * C escapes or {@code \x}, other non-printable ones the
     * 4- or 8-digit unicode escapes.
     */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int ch = s.codePointAt(i);
            i += Character.charCount(ch);
            if (Character.isSurrogate((char) ch)) {
                ch = 0xFFFD; // a lone surrogate cannot come from UTF-8; Go would see an invalid rune
            }
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0B -> out.append("\\v");
                default -> appendOther(out, ch);
            }
        }
        return out.append('"').toString();
    }

    private static void appendOther(StringBuilder out, int ch) {
        if (isPrint(ch)) {
            out.appendCodePoint(ch);
        } else if (ch < 0x80) {
            out.append(String.format("\\x%02x", ch));
        } else if (ch < 0x10000) {
            out.append(String.format("\\u%04x", ch));
        } else {
            out.append(String.format("\\U%08x", ch));
        }
    }

    /** Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space. */
    private static boolean isPrint(int ch) {
        if (ch == ' ') {
            return true;
        }
        switch (Character.getType(ch)) {
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
}
