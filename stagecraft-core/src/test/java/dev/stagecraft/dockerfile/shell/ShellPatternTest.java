package dev.stagecraft.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The expectations of BuildKit's {@code TestConvertShellPatternToRegex},
 * {@code TestReversePattern} and {@code TestReverseString}, plus the Go regex behaviours that
 * Java's regex engine does not share by default.
 */
class ShellPatternTest {

    static Stream<Arguments> upstreamConversions() {
        return Stream.of(
                Arguments.of("*", "^.*"),
                Arguments.of("?", "^."),
                Arguments.of("\\*", "^\\*"),
                Arguments.of("(()[]{\\}^$.\\*\\?|\\\\", "^\\(\\(\\)\\[\\]\\{\\}\\^\\$\\.\\*\\?\\|\\\\"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("upstreamConversions")
    void convertsLikeUpstream(String pattern, String regex) {
        assertThat(ShellPattern.toRegex(pattern, true, true)).isEqualTo(regex);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\\", "\\x", "\\\\\\"})
    void rejectsInvalidEscapes(String pattern) {
        assertThatThrownBy(() -> ShellPattern.toRegex(pattern, true, true))
                .isInstanceOf(ExpansionFailure.class)
                .hasMessageStartingWith("invalid escape '\\");
    }

    @Test
    void invalidEscapeNamesTheCharacterAndEndOfInputAsReplacementChar() {
        assertThatThrownBy(() -> ShellPattern.toRegex("a\\x", true, true)).hasMessage("invalid escape '\\x'");
        assertThatThrownBy(() -> ShellPattern.toRegex("a\\", true, true)).hasMessage("invalid escape '\\\uFFFD'");
    }

    @Test
    void nonGreedyAndUnanchoredForms() {
        assertThat(ShellPattern.toRegex("a*b", false, false)).isEqualTo("a.*?b");
        assertThat(ShellPattern.toRegex("a\\}\\/b", true, false)).isEqualTo("a\\}/b");
    }

    static Stream<Arguments> upstreamReversals() {
        return Stream.of(
                Arguments.of("a\\*c", "c\\*a"),
                Arguments.of("\\\\\\ab", "b\\a\\\\"),
                Arguments.of("ab\\", "\\ba"),
                Arguments.of("👽\\🚀🖖", "🖖\\🚀👽"),
                Arguments.of("\\\\b", "b\\\\"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("upstreamReversals")
    void reversesPatternsKeepingEscapes(String pattern, String reversed) {
        assertThat(ShellPattern.reversePattern(pattern)).isEqualTo(reversed);
    }

    @Test
    void reversesStringsByCodePoint() {
        assertThat(ShellPattern.reverseString("54321")).isEqualTo("12345");
        assertThat(ShellPattern.reverseString("🖖🚀👽")).isEqualTo("👽🚀🖖");
    }

    @Test
    void questionMarkMatchesCarriageReturnButNotNewlineAsInRe2() {
        assertThat(ShellPattern.trimPrefix("a?", "a\rb", false)).isEqualTo("b");
        assertThat(ShellPattern.trimPrefix("a?", "a\nb", false)).isEqualTo("a\nb");
        assertThat(ShellPattern.trimPrefix("a?", "a\u2028b", false)).isEqualTo("b");
    }

    @Test
    void shortestAndLongestPrefixAndSuffix() {
        assertThat(ShellPattern.trimPrefix("*/", "a/b/c", false)).isEqualTo("b/c");
        assertThat(ShellPattern.trimPrefix("*/", "a/b/c", true)).isEqualTo("c");
        assertThat(ShellPattern.trimSuffix("/*", "a/b/c", false)).isEqualTo("a/b");
        assertThat(ShellPattern.trimSuffix("/*", "a/b/c", true)).isEqualTo("a");
        assertThat(ShellPattern.trimSuffix("x", "a/b/c", true)).isEqualTo("a/b/c");
    }

    @Test
    void replaceAllSkipsAnEmptyMatchRightAfterAMatchAsGoDoes() {
        // Java's String.replaceAll("b*", "-") gives "-a--c-"; Go's ReplaceAllString gives "-a-c-".
        assertThat(ShellPattern.replaceAll("", "abc", "-")).isEqualTo("-a-b-c-");
        assertThat(ShellPattern.replaceAll("*", "abc", "-")).isEqualTo("-");
        assertThat(ShellPattern.replaceAll("b", "abcb", "-")).isEqualTo("a-c-");
        assertThat(ShellPattern.replaceAll("?", "👽x", "-")).isEqualTo("--");
    }

    @Test
    void replaceAllExpandsGoTemplateReferences() {
        assertThat(ShellPattern.replaceAll("o", "foo", "[$0]")).isEqualTo("f[o][o]");
        assertThat(ShellPattern.replaceAll("o", "foo", "[${0}]")).isEqualTo("f[o][o]");
        assertThat(ShellPattern.replaceAll("o", "foo", "$$")).isEqualTo("f$$");
        assertThat(ShellPattern.replaceAll("o", "foo", "$name.")).isEqualTo("f..");
        assertThat(ShellPattern.replaceAll("o", "foo", "$.")).isEqualTo("f$.$.");
        assertThat(ShellPattern.replaceAll("o", "foo", "${0")).isEqualTo("f${0${0");
        // the single replacement is verbatim
        assertThat(ShellPattern.replaceFirst("o", "foo", "$0")).isEqualTo("f$0o");
    }

    /**
     * A backtracking regex engine takes exponential time here; the linear matcher answers at
     * once. A regression would hang the build until Surefire's fork timeout ends it.
     */
    @Test
    void manyStarsOnALongValueDoNotBacktrack() {
        ShellLex lex = new ShellLex('\\');
        ShellEnv env = ShellEnv.of(Map.of("X", "a".repeat(5000)));
        assertThat(lex.processWord("${X%%*a*a*a*a*a*a*a*a*a*a*a*a*b}", env)).hasSize(5000);
        assertThat(lex.processWord("${X//*a*a*a*a*a*a*a*a*b/}", env)).hasSize(5000);
    }
}
