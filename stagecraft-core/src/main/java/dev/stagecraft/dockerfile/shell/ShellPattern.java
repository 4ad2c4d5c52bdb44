package dev.stagecraft.dockerfile.shell;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The shell glob patterns of {@code ${x#p}}, {@code ${x%p}} and {@code ${x/p/r}}, evaluated the
 * way BuildKit does it: the glob is translated into a regular expression.
 *
 * <p>Glob rules: {@code *} is any run of characters (shortest or longest, as asked), {@code ?} is
 * one character, {@code \*}, {@code \?} and {@code \\} are literal, {@code \}} and {@code \/} are
 * unescaped (they only had to be escaped to get through the {@code ${...}} syntax), any other
 * escape is an error, and there are no bracket expressions.
 *
 * <p>Regex dialect: the produced text is the same as BuildKit's RE2 text, and it means the same in
 * {@link java.util.regex}. The one flag needed is {@link Pattern#UNIX_LINES}, because RE2's
 * {@code .} excludes only {@code \n}, whereas Java's default {@code .} also excludes {@code \r},
 * U+0085, U+2028 and U+2029.
 */
final class ShellPattern {
    private ShellPattern() {
    }

    /**
     * Translates a glob into regex text.
     *
     * @param greedy   {@code *} as {@code .*} (longest) rather than {@code .*?} (shortest)
     * @param anchored prefix the regex with {@code ^}
     * @throws ExpansionFailure on an escape other than those listed in the class comment
     */
    static String toRegex(String pattern, boolean greedy, boolean anchored) {
        // Go's text/scanner reads the pattern, hence the same BOM skip as for the word itself.
        RuneScanner in = new RuneScanner(pattern);
        StringBuilder out = new StringBuilder(pattern.length() + 4);
        if (anchored) {
            out.append('^');
        }
        String star = greedy ? ".*" : ".*?";
        for (int tok = in.next(); tok != RuneScanner.EOF; tok = in.next()) {
            switch (tok) {
                case '*' -> out.append(star);
                case '?' -> out.append('.');
                case '\\' -> {
                    if (in.peek() == '}' || in.peek() == '/') {
                        continue; // the next round writes the brace or slash itself
                    }
                    int escaped = in.next();
                    if (escaped != '*' && escaped != '?' && escaped != '\\') {
                        throw new ExpansionFailure("invalid escape '\\" + GoText.runeString(escaped) + "'");
                    }
                    out.append('\\').appendCodePoint(escaped);
                }
                case '[', ']', '{', '}', '.', '+', '(', ')', '|', '^', '$' -> out.append('\\').append((char) tok);
                default -> out.appendCodePoint(tok);
            }
        }
        return out.toString();
    }

    /** {@link #toRegex} compiled with the flags that give RE2 semantics. */
    static Pattern compile(String pattern, boolean greedy, boolean anchored) {
        String regex = toRegex(pattern, greedy, anchored);
        try {
            return Pattern.compile(regex, Pattern.UNIX_LINES);
        } catch (PatternSyntaxException e) {
            // Not reachable with the escaping above; kept so a slip surfaces as an expansion error.
            throw new ExpansionFailure("error parsing regexp: " + e.getDescription());
        }
    }

    /** {@code ${value#pattern}} / {@code ${value##pattern}}: drops the shortest / longest matching prefix. */
    static String trimPrefix(String pattern, String value, boolean greedy) {
        Matcher m = compileForSubstitution(pattern, greedy, true).matcher(value);
        return m.find() ? value.substring(m.end()) : value;
    }

    /**
     * {@code ${value%pattern}} / {@code ${value%%pattern}}. A regex finds the leftmost match, not
     * the rightmost, so the value and the pattern are both reversed and the prefix rule applied.
     */
    static String trimSuffix(String pattern, String value, boolean greedy) {
        return reverseString(trimPrefix(reversePattern(pattern), reverseString(value), greedy));
    }

    /** {@code ${value/pattern/replacement}}: the first match (greedy) becomes the replacement, verbatim. */
    static String replaceFirst(String pattern, String value, String replacement) {
        Matcher m = compileForSubstitution(pattern, true, false).matcher(value);
        if (!m.find()) {
            return value;
        }
        return value.substring(0, m.start()) + replacement + value.substring(m.end());
    }

    /**
     * {@code ${value//pattern/replacement}}, with Go's {@code ReplaceAllString} rules: an empty
     * match right after a previous match is not replaced, and {@code $} in the replacement is a
     * template reference ({@code $0}/{@code ${0}} is the match, {@code $$} a dollar, any other
     * name is empty since the regex has no groups).
     */
    static String replaceAll(String pattern, String value, String replacement) {
        Matcher m = compileForSubstitution(pattern, true, false).matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= value.length() && m.find(searchPos)) {
            out.append(value, lastMatchEnd, m.start());
            if (m.end() > lastMatchEnd || m.start() == 0) {
                expandTemplate(out, replacement, value.substring(m.start(), m.end()));
            }
            lastMatchEnd = m.end();
            int width = searchPos < value.length() ? Character.charCount(value.codePointAt(searchPos)) : 0;
            if (searchPos + width > m.end()) {
                searchPos += width;
            } else if (searchPos + 1 > m.end()) {
                searchPos++;
            } else {
                searchPos = m.end();
            }
        }
        return out.append(value, lastMatchEnd, value.length()).toString();
    }

    private static Pattern compileForSubstitution(String pattern, boolean greedy, boolean anchored) {
        try {
            return compile(pattern, greedy, anchored);
        } catch (ExpansionFailure e) {
            throw new ExpansionFailure("invalid pattern (" + pattern + ") in substitution: " + e.getMessage());
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
            if (!GoText.isLetter(ch) && !GoText.isDigit(ch) && ch != '_') {
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
