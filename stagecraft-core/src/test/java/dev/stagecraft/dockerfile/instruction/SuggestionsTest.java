package dev.stagecraft.dockerfile.instruction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> KEYWORDS = List.of("FROM", "RUN", "COPY");

    @Test
    void closeEnoughCandidates() {
        assertThat(Suggestions.closest("mont", List.of("mount", "network"))).contains("mount");
        assertThat(Suggestions.closest("abcdef", List.of("mount"))).isEmpty();
        // Distance must be below 3.
        assertThat(Suggestions.closest("abc", List.of("xyz"))).isEmpty();
        assertThat(Suggestions.closest("abc", List.of("xbz"))).contains("xbz");
    }

    @Test
    void exactMatchMeansNoSuggestion() {
        assertThat(Suggestions.closest("mount", List.of("mounts", "mount"))).isEmpty();
        assertThat(Suggestions.closest("run", KEYWORDS, false)).isEmpty();
    }

    @Test
    void caseInsensitiveFollowsTheInputCase() {
        assertThat(Suggestions.closest("RUNN", KEYWORDS, false)).contains("RUN");
        assertThat(Suggestions.closest("runn", KEYWORDS, false)).contains("run");
        assertThat(Suggestions.closest("Runn", KEYWORDS, false)).contains("run");
        assertThat(Suggestions.closest("Runn", KEYWORDS, true)).isEmpty();
    }

    @Test
    void firstOfEqualDistancesWins() {
        assertThat(Suggestions.closest("ab", List.of("ax", "ay"))).contains("ax");
        assertThat(Suggestions.closest("ab", List.of("axx", "ay"))).contains("ay");
    }

    @Test
    void wrapsMessages() {
        assertThat(Suggestions.withSuggestion("unknown: cach", "cach", List.of("cache"), true))
                .isEqualTo("unknown: cach (did you mean cache?)");
        assertThat(Suggestions.withSuggestion("unknown: q", "q", List.of("cache"), true)).isEqualTo("unknown: q");
    }

    @Test
    void levenshteinCountsCodePoints() {
        assertThat(Suggestions.levenshtein("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.levenshtein("", "abc")).isEqualTo(3);
        assertThat(Suggestions.levenshtein("\u2603x", "\u2603y")).isEqualTo(1);
    }
}
