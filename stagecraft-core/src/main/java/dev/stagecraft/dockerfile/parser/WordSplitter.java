package dev.stagecraft.dockerfile.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * BuildKit's {@code parseWords}: splits ENV, LABEL and ARG arguments into words at unquoted
 * whitespace. Quotes and escape characters stay in the words; they are only removed later, when
 * the words are expanded.
 */
final class WordSplitter {
    private enum Phase { SPACES, WORD, QUOTE }

    private WordSplitter() {
    }

    static List<String> split(String rest, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        Phase phase = Phase.SPACES;
        int quote = 0;
        boolean blankOk = false;
        int len = rest.length();
        int ch = 0;
        int width = 0;
        for (int pos = 0; pos <= len; pos += width) {
            if (pos != len) {
                ch = rest.codePointAt(pos);
                width = Character.charCount(ch);
            }
            if (phase == Phase.SPACES) {
                if (pos == len) {
                    break;
                }
                if (GoSpaces.isSpace(ch)) {
                    continue;
                }
                phase = Phase.WORD;
            }
            if (pos == len) {
                if (blankOk || word.length() > 0) {
                    words.add(word.toString());
                }
                break;
            }
            if (phase == Phase.WORD) {
                if (GoSpaces.isSpace(ch)) {
                    phase = Phase.SPACES;
                    if (blankOk || word.length() > 0) {
                        words.add(word.toString());
                    }
                    word.setLength(0);
                    blankOk = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                    phase = Phase.QUOTE;
                }
                if (ch == escape) {
                    if (pos + width == len) {
                        continue;
                    }
                    // An unquoted escape keeps itself and the next character, even a quote.
                    word.appendCodePoint(ch);
                    pos += width;
                    ch = rest.codePointAt(pos);
                    width = Character.charCount(ch);
                }
                word.appendCodePoint(ch);
                continue;
            }
            if (ch == quote) {
                phase = Phase.WORD;
            }
            // Inside single quotes nothing is escaped.
            if (ch == escape && quote != '\'') {
                if (pos + width == len) {
                    phase = Phase.WORD;
                    continue;
                }
                pos += width;
                word.appendCodePoint(ch);
                ch = rest.codePointAt(pos);
                width = Character.charCount(ch);
            }
            word.appendCodePoint(ch);
        }
        return words;
    }
}
