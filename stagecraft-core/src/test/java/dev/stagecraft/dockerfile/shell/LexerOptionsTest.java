package dev.stagecraft.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lexer options and the backtick escape character. */
class LexerOptionsTest {
    private static final ShellLex LEX = new ShellLex('\\');
    private static final ShellEnv ENV = ShellEnv.of(Map.of("Y", "1"));

    @Test
    void optionSettersReturnCopiesAndLeaveTheOriginalUntouched() {
        ShellLex raw = LEX.withRawQuotes(true);
        assertThat(raw).isNotSameAs(LEX);
        assertThat(LEX.processWord("'a'", ENV)).isEqualTo("a");
        assertThat(raw.processWord("'a'", ENV)).isEqualTo("'a'");
        assertThat(raw.withRawQuotes(false).processWord("'a'", ENV)).isEqualTo("a");
    }

    @Test
    void rawQuotesKeepsQuoteCharacters() {
        ShellLex lex = LEX.withRawQuotes(true);
        assertThat(lex.processWord("'a b'\"c $Y\"d", ENV)).isEqualTo("'a b'\"c 1\"d");
        assertThat(lex.processWords("\"a b\" 'c d' e", ENV)).containsExactly("\"a b\"", "'c d'", "e");
        assertThat(lex.processWords("\"\"", ENV)).containsExactly("\"\"");
    }

    @Test
    void rawEscapesKeepsEscapeCharacters() {
        ShellLex lex = LEX.withRawEscapes(true);
        assertThat(lex.processWord("a\\ b\\$Y", ENV)).isEqualTo("a\\ b\\$Y");
        assertThat(lex.processWords("a\\ b c", ENV)).containsExactly("a\\ b", "c");
        // BuildKit quirk: inside double quotes a backslash that escapes nothing is written twice
        // in raw mode (once as the kept escape, once as the literal it stays)
        assertThat(lex.processWord("\"a\\\"b\\$Y\\t\"", ENV)).isEqualTo("a\\\"b\\$Y\\\\t");
        assertThat(lex.processWord("ab\\", ENV)).isEqualTo("ab\\");
        assertThat(LEX.processWord("ab\\", ENV)).isEqualTo("ab");
    }

    @Test
    void skipUnsetEnvLeavesUnsetReferencesAsWritten() {
        ShellLex lex = LEX.withSkipUnsetEnv(true);
        assertThat(lex.processWord("$X", ENV)).isEqualTo("$X");
        assertThat(lex.processWord("${X}", ENV)).isEqualTo("${X}");
        assertThat(lex.processWord("${X:-a}", ENV)).isEqualTo("${X:-a}");
        assertThat(lex.processWord("${X-a}${X+b}${X:?c}", ENV)).isEqualTo("${X-a}${X+b}${X:?c}");
        assertThat(lex.processWord("${X#a}${X%%b}", ENV)).isEqualTo("${X#a}${X%%b}");
        assertThat(lex.processWord("${X/a/b}", ENV)).isEqualTo("${X/a/b}");
        // BuildKit rebuilds the replace-all form with a single slash
        assertThat(lex.processWord("${X//a/b}", ENV)).isEqualTo("${X/a/b}");
        // the word inside is expanded before the form is rebuilt
        assertThat(lex.processWord("${X:-$Y}", ENV)).isEqualTo("${X:-1}");
        // set variables still expand, positional ones are unset too
        assertThat(lex.processWord("$Y${Y:-a}$1", ENV)).isEqualTo("11$1");
        assertThat(lex.processWordWithMatches("$X", ENV).unmatched()).containsExactly("X");
    }

    @Test
    void skipProcessQuotesTreatsQuotesAsOrdinaryCharacters() {
        ShellLex lex = LEX.withSkipProcessQuotes(true);
        assertThat(lex.processWord("'$Y' \"$Y\"", ENV)).isEqualTo("'1' \"1\"");
        assertThat(lex.processWord("it's", ENV)).isEqualTo("it's");
        assertThat(lex.processWords("\"a b\"", ENV)).containsExactly("\"a", "b\"");
        assertThat(lex.processWord("\\'\\$Y", ENV)).isEqualTo("'$Y");
    }

    @Test
    void heredocDetectionModeKeepsEverything() {
        // what the parser uses to find heredoc markers: raw quotes, raw escapes, unset kept
        ShellLex lex = LEX.withRawQuotes(true).withRawEscapes(true).withSkipUnsetEnv(true);
        assertThat(lex.processWords("cat <<\"EOF\" <<-'E 2' \\$a $X", ShellEnv.empty()))
                .containsExactly("cat", "<<\"EOF\"", "<<-'E 2'", "\\$a", "$X");
    }

    @Test
    void backtickEscape() {
        ShellLex lex = new ShellLex('`');
        assertThat(lex.processWord("C:\\path\\$Y", ENV)).isEqualTo("C:\\path\\1");
        assertThat(lex.processWord("a`$Y", ENV)).isEqualTo("a$Y");
        assertThat(lex.processWord("a` b", ENV)).isEqualTo("a b");
        assertThat(lex.processWords("a` b c", ENV)).containsExactly("a b", "c");
        assertThat(lex.processWord("\"a`\"b`$Y``\\t\"", ENV)).isEqualTo("a\"b$Y`\\t");
        assertThat(lex.processWord("trailing`", ENV)).isEqualTo("trailing");
        assertThat(lex.withRawEscapes(true).processWord("a`$Y", ENV)).isEqualTo("a`$Y");
        // the glob escape stays a backslash whatever the Dockerfile escape is
        assertThat(lex.processWord("${Y#\\*}", ShellEnv.of(Map.of("Y", "*a")))).isEqualTo("a");
    }
}
