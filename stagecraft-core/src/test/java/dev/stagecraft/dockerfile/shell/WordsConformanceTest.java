package dev.stagecraft.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BuildKit's {@code wordsTest} table ({@code TestShellParser4Words}): {@code processWords} with
 * the {@code ENV} lines seen so far. Only upstream's normal mode is checked, because its second
 * (raw quotes) loop never actually reads a case.
 */
class WordsConformanceTest {
    private static final ShellLex LEX = new ShellLex('\\');

    record Case(int line, String input, List<String> expected, Map<String, String> env) {
        @Override
        public String toString() {
            return "line " + line + ": " + input + " -> " + expected;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        List<String> lines = ConformanceData.lines("wordsTest");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() && i == lines.size() - 1) {
                break; // the newline that ends the file
            }
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("ENV ")) {
                // The value is raw: its trailing spaces are part of it.
                String entry = line.substring(3).replaceFirst("^ +", "");
                int eq = entry.indexOf('=');
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
                continue;
            }
            String[] parts = line.split("\\|", -1);
            if (parts.length != 2) {
                throw new IllegalStateException("line " + (i + 1) + " needs exactly one '|': " + line);
            }
            // Trailing spaces of the expected side are significant, leading ones are not.
            List<String> expected = List.of(parts[1].replaceFirst("^ +", "").split(",", -1));
            cases.add(new Case(i + 1, parts[0].trim(), expected, Map.copyOf(env)));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void splitsLikeBuildKit(Case c) {
        List<String> actual;
        try {
            actual = LEX.processWords(c.input(), ShellEnv.of(c.env()));
        } catch (ShellExpansionException e) {
            actual = List.of("error"); // upstream's convention for a failing case
        }
        assertThat(actual).containsExactlyElementsOf(c.expected());
    }

    @Test
    void tableHas24Cases() {
        assertThat(cases()).hasSize(24);
        assertThat(cases()).filteredOn(c -> c.input().equals("hel\"lo${trailing}\""))
                .singleElement()
                .satisfies(c -> assertThat(c.expected()).containsExactly("helloab c   "));
    }
}
