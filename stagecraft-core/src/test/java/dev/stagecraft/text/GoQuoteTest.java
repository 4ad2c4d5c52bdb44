package dev.stagecraft.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected values are what Go's {@code strconv.Quote} prints. */
class GoQuoteTest {

    @Test
    void escapesQuotesAndBackslashes() {
        assertThat(GoText.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }

    @Test
    void namedControlCharacters() {
        assertThat(GoText.quote("\u0007\b\f\n\r\t\u000B")).isEqualTo("\"\\a\\b\\f\\n\\r\\t\\v\"");
    }

    @Test
    void otherControlCharactersAsHexBytes() {
        assertThat(GoText.quote("\u0000\u001b\u007f")).isEqualTo("\"\\x00\\x1b\\x7f\"");
    }

    @Test
    void printableUnicodeAsIs() {
        assertThat(GoText.quote("♥ ☃ é 日本 😀")).isEqualTo("\"♥ ☃ é 日本 😀\"");
    }

    @Test
    void nonPrintableUnicodeEscaped() {
        assertThat(GoText.quote("\u00a0\u0085\u00ad\u2028\ue000")).isEqualTo("\"\\u00a0\\u0085\\u00ad\\u2028\\ue000\"");
        assertThat(GoText.quote(new String(Character.toChars(0x10FFFD)))).isEqualTo("\"\\U0010fffd\"");
    }
}
