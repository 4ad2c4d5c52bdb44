package dev.stagecraft.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever the input and options, expansion either returns or fails with
 * {@link ShellExpansionException}; no other exception escapes (no index errors, no regex errors).
 */
class ShellLexProperties {
    /** Short values keep the regex work small; they hold glob and split characters on purpose. */
    private static final ShellEnv ENV = ShellEnv.of(Map.of("A", "a*b", "B", "", "C", "x y", "D", "\\?}"));

    @Provide
    Arbitrary<String> words() {
        // Mostly the characters the lexer cares about, so the generated words reach deep paths.
        Arbitrary<String> shellish = Arbitraries.strings()
                .withChars("${}:-+?=#%/\\'\"`*<> \tABCDX_019@!.\u00a0\uFEFF")
                .ofMaxLength(200);
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(200);
        return Arbitraries.frequencyOf(
                Tuple.of(4, shellish),
                Tuple.of(1, anything));
    }

    @Provide
    Arbitrary<ShellLex> lexers() {
        Arbitrary<Character> escape = Arbitraries.of('\\', '`');
        Arbitrary<Integer> flags = Arbitraries.integers().between(0, 15);
        return Combinators.combine(escape, flags).as((e, f) -> new ShellLex(e)
                .withRawQuotes((f & 1) != 0)
                .withRawEscapes((f & 2) != 0)
                .withSkipUnsetEnv((f & 4) != 0)
                .withSkipProcessQuotes((f & 8) != 0));
    }

    @Property(tries = 1000)
    void processWordReturnsOrFailsCleanly(@ForAll("lexers") ShellLex lex, @ForAll("words") String word) {
        try {
            ExpansionResult result = lex.processWordWithMatches(word, ENV);
            assertThat(result.result()).isEqualTo(lex.processWord(word, ENV));
        } catch (ShellExpansionException e) {
            assertThat(e.getMessage()).startsWith("failed to process \"");
        }
    }

    @Property(tries = 1000)
    void processWordsReturnsOrFailsCleanly(@ForAll("lexers") ShellLex lex, @ForAll("words") String word) {
        try {
            List<String> words = lex.processWords(word, ENV);
            assertThat(words).doesNotContain("");
        } catch (ShellExpansionException e) {
            assertThat(e.getMessage()).startsWith("failed to process \"");
        }
    }
}
