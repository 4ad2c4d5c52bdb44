package dev.stagecraft.dockerfile.shell;

/**
 * Reads a string one Unicode code point at a time with one code point of look-ahead.
 *
 * <p>It mirrors the two quirks of Go's {@code text/scanner} that BuildKit's lexer inherits: the
 * end of input is reported as {@link #EOF} ({@code -1}), and a byte order mark (U+FEFF) that
 * opens the input is silently skipped.
 */
final class RuneScanner {
    /** Returned by {@link #peek()} and {@link #next()} at the end of the input. */
    static final int EOF = -1;

    private final String text;
    private int pos;

    RuneScanner(String text) {
        this.text = text;
        this.pos = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
    }

    /** The next code point without consuming it, or {@link #EOF}. */
    int peek() {
        return pos < text.length() ? text.codePointAt(pos) : EOF;
    }

    /** Consumes and returns the next code point, or {@link #EOF} (which consumes nothing). */
    int next() {
        int ch = peek();
        if (ch != EOF) {
            pos += Character.charCount(ch);
        }
        return ch;
    }
}
