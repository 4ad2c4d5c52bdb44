package dev.stagecraft.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ShellPattern} matches with an automaton; BuildKit matches with the regex that
 * {@link ShellPattern#toRegex} spells. On small inputs, where backtracking is cheap, both must
 * agree: the regex run here with {@link Pattern#UNIX_LINES} stands in for RE2.
 */
class ShellPatternProperties {

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.strings().withChars("ab*?\\\n\r").ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withChars("ab*?\\\n\r").ofMaxLength(10);
    }

    private static Pattern regex(String glob, boolean greedy, boolean anchored) {
        return Pattern.compile(ShellPattern.toRegex(glob, greedy, anchored), Pattern.UNIX_LINES);
    }

    private static boolean valid(String glob) {
        try {
            ShellPattern.tokens(glob);
            return true;
        } catch (ExpansionFailure e) {
            return false;
        }
    }

    @Property(tries = 1000)
    void trimPrefixAgreesWithTheRegex(@ForAll("patterns") String glob, @ForAll("values") String value,
            @ForAll boolean greedy) {
        Assume.that(valid(glob));
        Matcher m = regex(glob, greedy, true).matcher(value);
        String expected = m.find() ? value.substring(m.end()) : value;
        assertThat(ShellPattern.trimPrefix(glob, value, greedy)).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void replaceAgreesWithTheRegex(@ForAll("patterns") String glob, @ForAll("values") String value) {
        Assume.that(valid(glob));
        Pattern re = regex(glob, true, false);
        Matcher first = re.matcher(value);
        String expectedFirst = first.find()
                ? value.substring(0, first.start()) + "<>" + value.substring(first.end())
                : value;
        assertThat(ShellPattern.replaceFirst(glob, value, "<>")).isEqualTo(expectedFirst);
        assertThat(ShellPattern.replaceAll(glob, value, "<>")).isEqualTo(goReplaceAll(re, value, "<>"));
    }

    /** Go's ReplaceAllString loop over a java.util.regex matcher, for a replacement without '$'. */
    private static String goReplaceAll(Pattern re, String value, String replacement) {
        Matcher m = re.matcher(value);
        StringBuilder out = new StringBuilder();
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= value.length() && m.find(searchPos)) {
            out.append(value, lastMatchEnd, m.start());
            if (m.end() > lastMatchEnd || m.start() == 0) {
                out.append(replacement);
            }
            lastMatchEnd = m.end();
            int width = searchPos < value.length() ? 1 : 0;
            searchPos = searchPos + width > m.end() ? searchPos + width
                    : searchPos + 1 > m.end() ? searchPos + 1 : m.end();
        }
        return out.append(value, lastMatchEnd, value.length()).toString();
    }
}
