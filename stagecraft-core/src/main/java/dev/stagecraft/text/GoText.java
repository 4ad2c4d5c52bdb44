package dev.stagecraft.text;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Go's text conventions that BuildKit's messages and outputs are written in: {@code strconv.Quote}
 * (what {@code %q} prints) and {@code path.Join}/{@code path.Clean}. One copy for every package,
 * because a message quoted two ways would not match BuildKit's in one of them.
 */
public final class GoText {
    private static final String HEX = "0123456789abcdef";

    private GoText() {}

    /** {@code strconv.Quote}: double quotes, with Go's escapes for quotes, controls and non-printables. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> appendQuoted(out, cp));
        return out.append('"').toString();
    }

    private static void appendQuoted(StringBuilder out, int cp) {
        switch (cp) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0b -> out.append("\\v");
            default -> {
                if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
                    // Go strings cannot hold a lone surrogate; it would arrive as U+FFFD.
                    out.append('\uFFFD');
                } else if (isPrint(cp)) {
                    out.appendCodePoint(cp);
                } else if (cp < ' ' || cp == 0x7f) {
                    appendHex(out.append("\\x"), cp, 2);
                } else if (cp < 0x10000) {
                    appendHex(out.append("\\u"), cp, 4);
                } else {
                    appendHex(out.append("\\U"), cp, 8);
                }
            }
        }
    }

    private static void appendHex(StringBuilder out, int value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX.charAt((value >> shift) & 0xf));
        }
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    public static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
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

    /** {@code path.Join}: the non-empty (and non-null) elements joined by {@code /}, then cleaned. */
    public static String pathJoin(String... elements) {
        StringBuilder joined = new StringBuilder();
        for (String element : elements) {
            if (element != null && !element.isEmpty()) {
                if (joined.length() > 0) {
                    joined.append('/');
                }
                joined.append(element);
            }
        }
        return joined.length() == 0 ? "" : clean(joined.toString());
    }

    /** {@code path.Clean}: drops empty and {@code .} elements and resolves {@code ..}. */
    public static String clean(String path) {
        boolean rooted = path.startsWith("/");
        Deque<String> kept = new ArrayDeque<>();
        for (String element : path.split("/")) {
            if (element.isEmpty() || element.equals(".")) {
                continue;
            }
            if (element.equals("..")) {
                if (!kept.isEmpty() && !kept.peekLast().equals("..")) {
                    kept.removeLast();
                } else if (!rooted) {
                    kept.addLast(element);
                }
            } else {
                kept.addLast(element);
            }
        }
        String body = String.join("/", kept);
        if (rooted) {
            return "/" + body;
        }
        return body.isEmpty() ? "." : body;
    }
}
