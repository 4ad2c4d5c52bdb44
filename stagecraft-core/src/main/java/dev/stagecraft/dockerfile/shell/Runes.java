package dev.stagecraft.dockerfile.shell;

/**
 * The few pieces of Go's text semantics that BuildKit's messages and word splitting depend on.
 * Java's own notions differ (for instance {@link Character#isWhitespace} rejects U+00A0 while Go's
 * {@code unicode.IsSpace} accepts it), so they are spelled out here.
 */
final class Runes {
    private Runes() {
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
}
