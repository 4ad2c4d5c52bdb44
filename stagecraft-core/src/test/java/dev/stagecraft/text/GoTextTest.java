package dev.stagecraft.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoTextTest {
    @Test
    void quotesLikeStrconvQuote() {
        assertThat(GoText.quote("linux/amd64")).isEqualTo("\"linux/amd64\"");
        assertThat(GoText.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(GoText.quote("\u0007\b\f\n\r\t\u000b")).isEqualTo("\"\\a\\b\\f\\n\\r\\t\\v\"");
        assertThat(GoText.quote("\u0000\u001f\u007f")).isEqualTo("\"\\x00\\x1f\\x7f\"");
        assertThat(GoText.quote("é€\u00a0\u200b")).isEqualTo("\"é€\\u00a0\\u200b\"");
        assertThat(GoText.quote("\uD83D\uDE00\uDB40\uDC01")).isEqualTo("\"\uD83D\uDE00\\U000e0001\"");
        assertThat(GoText.quote("\uD800")).isEqualTo("\"\uFFFD\"");
    }

    @Test
    void joinsLikePathJoin() {
        assertThat(GoText.pathJoin("linux", "amd64", "")).isEqualTo("linux/amd64");
        assertThat(GoText.pathJoin("", "", "")).isEmpty();
        assertThat(GoText.pathJoin("linux", "..", "x")).isEqualTo("x");
        assertThat(GoText.pathJoin("..", "a")).isEqualTo("../a");
        assertThat(GoText.pathJoin("/..", "a/", ".")).isEqualTo("/a");
        assertThat(GoText.pathJoin("a", "..")).isEqualTo(".");
    }
}
