package dev.stagecraft.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.text.GoText;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Behaviour of {@link ShellLex} beyond the upstream tables: messages, nesting and heredoc marks. */
class ShellLexTest {
    private static final ShellLex LEX = new ShellLex('\\');
    private static final ShellEnv ENV = ShellEnv.of(Map.of("Y", "1", "E", "", "S", "a b"));

    @Test
    void mandatoryVariablesLikeUpstream() {
        ShellEnv set = ShellEnv.of(Map.of("VAR", "plain", "ARG", "x"));
        ShellEnv empty = ShellEnv.of(Map.of("VAR", "", "ARG", "x"));
        ShellEnv unset = ShellEnv.of(Map.of("ARG", "x"));
        String noEmpty = "${VAR:?message here$ARG}";
        String noUnset = "${VAR?message here$ARG}";

        assertThat(LEX.processWord(noEmpty, set)).isEqualTo("plain");
        assertThatThrownBy(() -> LEX.processWord(noEmpty, empty)).hasMessageContaining("message herex");
        assertThatThrownBy(() -> LEX.processWord(noEmpty, unset)).hasMessageContaining("message herex");

        assertThat(LEX.processWord(noUnset, set)).isEqualTo("plain");
        assertThat(LEX.processWord(noUnset, empty)).isEmpty();
        assertThatThrownBy(() -> LEX.processWord(noUnset, unset))
                .isInstanceOf(ShellExpansionException.class)
                .hasMessage("failed to process \"${VAR?message here$ARG}\": VAR: message herex");
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("he'llo", "unexpected end of statement while looking for matching single-quote"),
                Arguments.of("\"hello", "unexpected end of statement while looking for matching double-quote"),
                Arguments.of("${}", "syntax error: bad substitution"),
                Arguments.of("${:-a}", "syntax error: bad substitution"),
                Arguments.of("${{a}", "syntax error: bad substitution"),
                Arguments.of("${", "syntax error: missing '}'"),
                Arguments.of("${a:-b", "syntax error: missing '}'"),
                Arguments.of("${a:-'b}", "syntax error: missing '}'"),
                Arguments.of("${a:", "syntax error: missing '}'"),
                // the input ends right after the name: BuildKit prints Go's string(EOF)
                Arguments.of("${aaa", "unsupported modifier (\uFFFD) in substitution"),
                Arguments.of("${a.}", "unsupported modifier (.) in substitution"),
                Arguments.of("${Y:=a}", "unsupported modifier (:=) in substitution"),
                Arguments.of("${Y=a}", "unsupported modifier (=) in substitution"),
                Arguments.of("${Y:#a}", "unsupported modifier (:#) in substitution"),
                Arguments.of("${Y:%a}", "unsupported modifier (:%) in substitution"),
                Arguments.of("${Y/a", "syntax error: missing '/' in ${}"),
                Arguments.of("${Y/a/b", "syntax error: missing '}'"),
                Arguments.of("${X?}", "X: is not allowed to be unset"),
                Arguments.of("${X:?}", "X: is not allowed to be unset"),
                Arguments.of("${E:?}", "E: is not allowed to be empty"),
                Arguments.of("${E:?no $Y}", "E: no 1"),
                Arguments.of("${Y#\\x}", "invalid pattern (\\x) in substitution: invalid escape '\\x'"),
                Arguments.of("${Y/\\x/}", "invalid pattern (\\x) in substitution: invalid escape '\\x'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void failsWithBuildKitReason(String word, String reason) {
        assertThatThrownBy(() -> LEX.processWord(word, ENV))
                .isInstanceOf(ShellExpansionException.class)
                .hasMessage("failed to process " + GoText.quote(word) + ": " + reason);
    }

    @Test
    void quotesTheWordAsGoPercentQ() {
        assertThat(GoText.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(GoText.quote("\t\n\u0001\u007f")).isEqualTo("\"\\t\\n\\x01\\x7f\"");
        assertThat(GoText.quote("한국어 \u00a0\u200b👽")).isEqualTo("\"한국어 \\u00a0\\u200b👽\"");
        assertThatThrownBy(() -> LEX.processWord("\t'", ENV))
                .hasMessage("failed to process \"\\t'\": "
                        + "unexpected end of statement while looking for matching single-quote");
    }

    @Test
    void nestedWordsHoldQuotesAndBraces() {
        assertThat(LEX.processWord("${X:-'x}'}", ENV)).isEqualTo("x}");
        assertThat(LEX.processWord("${X:-\"$Y}\"}", ENV)).isEqualTo("1}");
        assertThat(LEX.processWord("${X:-a\\}b}", ENV)).isEqualTo("a}b");
        assertThat(LEX.processWord("${Y:+${X:-${Y}${Y}}}", ENV)).isEqualTo("11");
    }

    @Test
    void nestedQuotedValueIsStillSplitBecauseTheWholeFormIsAnExpansion() {
        assertThat(LEX.processWords("${X:-\"x y\"}", ENV)).containsExactly("x", "y");
        assertThat(LEX.processWords("\"${X:-x y}\"", ENV)).containsExactly("x y");
        assertThat(LEX.processWords("$S\"$S\"", ENV)).containsExactly("a", "ba b");
    }

    @Test
    void emptyQuotedStringMakesNoWord() {
        assertThat(LEX.processWords("\"\" ''", ENV)).isEmpty();
        assertThat(LEX.processWords("a \"\" b", ENV)).containsExactly("a", "b");
        assertThat(LEX.processWords("", ENV)).isEmpty();
    }

    @Test
    void recordsPositionalAndSpecialParametersAsUnmatched() {
        ExpansionResult r = LEX.processWordWithMatches("$1${@}$Y${0:-z}$", ENV);
        assertThat(r.result()).isEqualTo("1z$");
        assertThat(r.matched()).containsExactly("Y");
        assertThat(r.unmatched()).containsExactlyInAnyOrder("1", "@", "0");
    }

    @Test
    void unicodeNamesAndGoWhitespace() {
        ShellEnv env = ShellEnv.of(Map.of("변수", "v", "NB", "a\u00a0b", "NL", "a\u0085b"));
        assertThat(LEX.processWord("$변수.", env)).isEqualTo("v.");
        // Go's unicode.IsSpace counts NBSP and NEL as spaces, so the words split there
        assertThat(LEX.processWords("$NB $NL", env)).containsExactly("a", "b", "a", "b");
    }

    @Test
    void heredocMarkerKeepsItsBlanksInOneWord() {
        assertThat(LEX.processWords("cat <<EOF", ENV)).containsExactly("cat", "<<EOF");
        assertThat(LEX.processWords("cat << EOF", ENV)).containsExactly("cat", "<< EOF");
        assertThat(LEX.processWords("cat <<\t EOF x", ENV)).containsExactly("cat", "<<\t EOF", "x");
        assertThat(LEX.processWords("cat <<-EOF", ENV)).containsExactly("cat", "<<-EOF");
        assertThat(LEX.processWords("a < b", ENV)).containsExactly("a", "<", "b");
        assertThat(LEX.processWords("\\<< EOF", ENV)).containsExactly("<<", "EOF");
        assertThat(LEX.processWord("cat <<  EOF", ENV)).isEqualTo("cat <<  EOF");
    }

    @Test
    void leadingByteOrderMarkIsSkippedAsByGoTextScanner() {
        assertThat(LEX.processWord("\uFEFFa$Y", ENV)).isEqualTo("a1");
        assertThat(LEX.processWord("a\uFEFF", ENV)).isEqualTo("a\uFEFF");
    }

    @Test
    void rejectsOtherEscapeCharacters() {
        assertThatThrownBy(() -> new ShellLex('x')).isInstanceOf(IllegalArgumentException.class);
    }
}
