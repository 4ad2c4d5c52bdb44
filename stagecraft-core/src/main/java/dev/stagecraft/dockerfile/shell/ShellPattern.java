package dev.stagecraft.dockerfile.shell;

import java.util.Arrays;

/**
 * The shell glob patterns of {@code ${x#p}}, {@code ${x%p}} and {@code ${x/p/r}}.
 *
 * <p>Glob rules: {@code *} is any run of characters (shortest or longest, as asked), {@code ?} is
 * one character, {@code \*}, {@code \?} and {@code \\} are literal, {@code \}} and {@code \/} are
 * unescaped (they only had to be escaped to get through the {@code ${...}} syntax), any other
 * escape is an error, and there are no bracket expressions.
 *
 * <p>BuildKit translates the glob into an RE2 regex ({@link #toRegex} produces the same text) and
 * uses leftmost-first matching, where {@code *} is {@code .*} or {@code .*?} and, as RE2's
 * {@code .}, never matches {@code \n}. As every star of one pattern has the same greediness, the
 * leftmost-first match from a given start is simply the one with the longest (greedy) or shortest
 * (lazy) end. That is computed here with a set-of-states automaton, linear in the value for each
 * start, instead of a backtracking {@link java.util.regex} engine, which can take exponential time
 * on patterns such as {@code *a*a*a*a*b}.
 */
final class ShellPattern {
    /** Token for {@code *}; literal tokens are code points (non-negative). */
    private static final int STAR = -2;
    /** Token for {@code ?}. */
    private static final int ANY = -3;

    private ShellPattern() {
    }

    /**
     * Splits a glob into tokens: {@link #STAR}, {@link #ANY} or a literal code point.
     *
     * @throws ExpansionFailure on an escape other than those listed in the class comment
     */
    static int[] tokens(String pattern) {
        // Go's text/scanner reads the pattern, hence the same BOM skip as for the word itself.
        RuneScanner in = new RuneScanner(pattern);
        int[] out = new int[pattern.length()];
        int n = 0;
        for (int tok = in.next(); tok != RuneScanner.EOF; tok = in.next()) {
            if (tok == '*') {
                out[n++] = STAR;
            } else if (tok == '?') {
                out[n++] = ANY;
            } else if (tok == '\\') {
                if (in.peek() == '}' || in.peek() == '/') {
                    continue; // the next round takes the brace or slash as a literal
                }
                int escaped = in.next();
                if (escaped != '*' && escaped != '?' && escaped != '\\') {
                    throw new ExpansionFailure("invalid escape '\\" + Runes.runeString(escaped) + "'");
                }
                out[n++] = escaped;
            } else {
                out[n++] = tok;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * The RE2 regex text BuildKit builds for a glob ({@code convertShellPatternToRegex}).
     *
     * @param greedy   {@code *} as {@code .*} (longest) rather than {@code .*?} (shortest)
     * @param anchored prefix the regex with {@code ^}
     * @throws ExpansionFailure on an invalid escape
     */
    static String toRegex(String pattern, boolean greedy, boolean anchored) {
        StringBuilder out = new StringBuilder(pattern.length() + 4);
        if (anchored) {
            out.append('^');
        }
        for (int tok : tokens(pattern)) {
            if (tok == STAR) {
                out.append(greedy ? ".*" : ".*?");
            } else if (tok == ANY) {
                out.append('.');
            } else {
                if ("*?\\[]{}.+()|^$".indexOf(tok) >= 0) {
                    out.append('\\');
                }
                out.appendCodePoint(tok);
            }
        }
        return out.toString();
    }

    /** {@code ${value#pattern}} / {@code ${value##pattern}}: drops the shortest / longest matching prefix. */
    static String trimPrefix(String pattern, String value, boolean greedy) {
        int end = matchEnd(substitutionTokens(pattern), value, 0, greedy);
        return end < 0 ? value : value.substring(end);
    }

    /**
     * {@code ${value%pattern}} / {@code ${value%%pattern}}. As in BuildKit, the value and the
     * pattern are both reversed and the prefix rule applied, which finds the rightmost match.
     */
    static String trimSuffix(String pattern, String value, boolean greedy) {
        return reverseString(trimPrefix(reversePattern(pattern), reverseString(value), greedy));
    }

    /** {@code ${value/pattern/replacement}}: the first match (greedy) becomes the replacement, verbatim. */
    static String replaceFirst(String pattern, String value, String replacement) {
        int[] match = find(substitutionTokens(pattern), value, 0);
        if (match == null) {
            return value;
        }
        return value.substring(0, match[0]) + replacement + value.substring(match[1]);
    }

    /**
     * {@code ${value//pattern/replacement}}, with Go's {@code ReplaceAllString} rules: an empty
     * match right after a previous match is not replaced, and {@code $} in the replacement is a
     * template reference ({@code $0}/{@code ${0}} is the match, {@code $$} a dollar, any other
     * name is empty since the regex has no groups).
     */
    static String replaceAll(String pattern, String value, String replacement) {
        int[] tokens = substitutionTokens(pattern);
        StringBuilder out = new StringBuilder(value.length());
        int lastMatchEnd = 0;
        int searchPos = 0;
        int[] match;
        while (searchPos <= value.length() && (match = find(tokens, value, searchPos)) != null) {
            out.append(value, lastMatchEnd, match[0]);
            if (match[1] > lastMatchEnd || match[0] == 0) {
                expandTemplate(out, replacement, value.substring(match[0], match[1]));
                ExpansionFailure.checkLength(out.length());
            }
            lastMatchEnd = match[1];
            // Advance past the match, and by at least one character.
            int width = searchPos < value.length() ? Character.charCount(value.codePointAt(searchPos)) : 0;
            if (searchPos + width > match[1]) {
                searchPos += width;
            } else if (searchPos + 1 > match[1]) {
                searchPos++;
            } else {
                searchPos = match[1];
            }
        }
        return out.append(value, lastMatchEnd, value.length()).toString();
    }

    private static int[] substitutionTokens(String pattern) {
        try {
            return tokens(pattern);
        } catch (ExpansionFailure e) {
            throw new ExpansionFailure("invalid pattern (" + pattern + ") in substitution: " + e.getMessage());
        }
    }

    /**
     * The leftmost match at or after {@code from} as {start, end}, or null. One pass finds the
     * leftmost start: each state remembers the earliest start that reached it (two runs in the
     * same state have the same future, so the earlier one is the one that counts). The end is
     * then the longest from that start, as the pattern's stars are greedy here.
     */
    private static int[] find(int[] tokens, String value, int from) {
        int m = tokens.length;
        int[] starts = new int[m + 1];
        Arrays.fill(starts, -1);
        int best = -1;
        int pos = from;
        while (true) {
            if (best < 0 && starts[0] < 0) {
                starts[0] = pos; // a new attempt begins here
            }
            for (int i = 0; i < m; i++) {
                if (starts[i] >= 0 && tokens[i] == STAR) {
                    starts[i + 1] = earlier(starts[i + 1], starts[i]);
                }
            }
            if (starts[m] >= 0) {
                best = earlier(best, starts[m]);
            }
            if (!canBeat(starts, m, best) || pos >= value.length()) {
                break;
            }
            int ch = value.codePointAt(pos);
            int[] next = new int[m + 1];
            Arrays.fill(next, -1);
            for (int i = 0; i < m; i++) {
                if (starts[i] < 0 || (best >= 0 && starts[i] >= best)) {
                    continue;
                }
                int tok = tokens[i];
                if (tok == STAR) {
                    if (ch != '\n') {
                        next[i] = earlier(next[i], starts[i]);
                    }
                } else if (tok == ANY ? ch != '\n' : tok == ch) {
                    next[i + 1] = earlier(next[i + 1], starts[i]);
                }
            }
            starts = next;
            pos += Character.charCount(ch);
        }
        return best < 0 ? null : new int[] {best, matchEnd(tokens, value, best, true)};
    }

    /** Whether a run still in progress started before {@code best} (or nothing matched yet). */
    private static boolean canBeat(int[] starts, int m, int best) {
        if (best < 0) {
            return true;
        }
        for (int i = 0; i < m; i++) {
            if (starts[i] >= 0 && starts[i] < best) {
                return true;
            }
        }
        return false;
    }

    /** The earlier of two starts, where -1 means none. */
    private static int earlier(int a, int b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    /**
     * The end of the longest or shortest match of {@code tokens} starting exactly at
     * {@code start}, or -1. State {@code i} means "the first i tokens are matched".
     */
    private static int matchEnd(int[] tokens, String value, int start, boolean longest) {
        int m = tokens.length;
        boolean[] states = new boolean[m + 1];
        states[0] = true;
        closeOverStars(tokens, states);
        int best = -1;
        int pos = start;
        while (true) {
            if (states[m]) {
                best = pos;
                if (!longest) {
                    return best;
                }
            }
            if (pos >= value.length()) {
                return best;
            }
            int ch = value.codePointAt(pos);
            boolean[] next = new boolean[m + 1];
            boolean alive = false;
            for (int i = 0; i < m; i++) {
                if (!states[i]) {
                    continue;
                }
                int tok = tokens[i];
                if (tok == STAR) {
                    if (ch != '\n') { // RE2's . (and so *) never crosses a newline
                        next[i] = true;
                        alive = true;
                    }
                } else if (tok == ANY ? ch != '\n' : tok == ch) {
                    next[i + 1] = true;
                    alive = true;
                }
            }
            if (!alive) {
                return best;
            }
            closeOverStars(tokens, next);
            states = next;
            pos += Character.charCount(ch);
        }
    }

    /** A star may match nothing: whoever reached it has also reached the token after it. */
    private static void closeOverStars(int[] tokens, boolean[] states) {
        for (int i = 0; i < tokens.length; i++) {
            if (states[i] && tokens[i] == STAR) {
                states[i + 1] = true;
            }
        }
    }

    /** Go's {@code Regexp.Expand} for a regex whose only group is group 0. */
    private static void expandTemplate(StringBuilder out, String template, String match) {
        int i = 0;
        while (i < template.length()) {
            int dollar = template.indexOf('$', i);
            if (dollar < 0) {
                break;
            }
            out.append(template, i, dollar);
            i = dollar + 1;
            if (i < template.length() && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            int[] ref = templateReference(template, i);
            if (ref == null) {
                out.append('$'); // malformed reference: the dollar stays literal
                continue;
            }
            String name = template.substring(ref[0], ref[1]);
            if (name.equals("0")) {
                out.append(match);
            }
            i = ref[2];
        }
        out.append(template, i, template.length());
    }

    /**
     * Parses {@code name} or {@code {name}} at {@code from}. Returns {start, end, rest} of the name
     * and of what follows it, or null when there is no valid name (empty, or unclosed brace).
     */
    private static int[] templateReference(String template, int from) {
        boolean brace = from < template.length() && template.charAt(from) == '{';
        int start = brace ? from + 1 : from;
        int end = start;
        while (end < template.length()) {
            int ch = template.codePointAt(end);
            if (!Runes.isLetter(ch) && !Runes.isDigit(ch) && ch != '_') {
                break;
            }
            end += Character.charCount(ch);
        }
        if (end == start) {
            return null;
        }
        int rest = end;
        if (brace) {
            if (rest >= template.length() || template.charAt(rest) != '}') {
                return null;
            }
            rest++;
        }
        return new int[] {start, end, rest};
    }

    /**
     * Reverses a pattern while keeping each escape in front of the character it escapes:
     * {@code a\*c} becomes {@code c\*a}. A trailing lone escape is reversed like a plain character.
     */
    static String reversePattern(String pattern) {
        int[] runes = pattern.codePoints().toArray();
        int[] out = new int[runes.length];
        int last = runes.length - 1;
        for (int i = 0; i <= last; ) {
            int at = last - i;
            if (runes[i] == '\\' && i != last) {
                out[at - 1] = '\\';
                out[at] = runes[i + 1];
                i += 2;
            } else {
                out[at] = runes[i];
                i++;
            }
        }
        return new String(out, 0, out.length);
    }

    /** Reverses by code point, so characters outside the BMP stay intact. */
    static String reverseString(String s) {
        return new StringBuilder(s).reverse().toString();
    }
}
