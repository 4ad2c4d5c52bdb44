package dev.stagecraft.dockerfile.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Whitespace rules of Go's {@code unicode.IsSpace} and the trims built on it. BuildKit decides
 * what separates words and what a blank line is with these, and Java's
 * {@link Character#isWhitespace} disagrees on several code points (NBSP, NEL, U+001C..U+001F).
 */
final class GoSpaces {
    private GoSpaces() {
    }

    /** Go's {@code unicode.IsSpace}. */
    static boolean isSpace(int cp) {
        if (cp < 0x80) {
            return cp == ' ' || (cp >= '\t' && cp <= '\r');
        }
        switch (cp) {
            case 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                return true;
            default:
                return cp >= 0x2000 && cp <= 0x200A;
        }
    }

    /** The separator class {@code [\t\v\f\r ]} that BuildKit's {@code reWhitespace} matches. */
    static boolean isBlank(int cp) {
        return cp == ' ' || cp == '\t' || cp == 0x0B || cp == '\f' || cp == '\r';
    }

    static String trimLeft(String s) {
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!isSpace(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return s.substring(i);
    }

    static String trimRight(String s) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (!isSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    /** Go's {@code strings.TrimSpace}. */
    static String trim(String s) {
        return trimRight(trimLeft(s));
    }

    /** Strips every trailing {@code \r} and {@code \n}, like BuildKit's {@code trimNewline}. */
    static String trimNewline(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * Splits on runs of {@code [\t\v\f\r ]} into at most {@code limit} parts (no limit when
     * {@code limit <= 0}), like Go's {@code regexp.Split}: a leading separator yields an empty
     * first part, a trailing one an empty last part.
     */
    static List<String> splitBlanks(String s, int limit) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            if (limit > 0 && parts.size() == limit - 1) {
                break;
            }
            if (isBlank(s.charAt(i))) {
                int end = i;
                while (i < s.length() && isBlank(s.charAt(i))) {
                    i++;
                }
                parts.add(s.substring(start, end));
                start = i;
            } else {
                i++;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }
}
