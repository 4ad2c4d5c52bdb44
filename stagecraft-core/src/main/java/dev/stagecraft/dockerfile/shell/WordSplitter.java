package dev.stagecraft.dockerfile.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the words of {@link ShellLex#processWords} while a word is scanned. Text that came
 * from an unquoted expansion or from plain characters is split on whitespace; quoted text and
 * escaped characters are appended raw, so they never split. A word is only emitted when it holds
 * text, so an empty quoted string on its own gives no word at all (as in BuildKit).
 */
final class WordSplitter {
    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;

    /** A character subject to splitting: whitespace ends the current word, if it has text. */
    void addChar(int ch) {
        if (Runes.isSpace(ch)) {
            if (inWord && word.length() != 0) {
                words.add(word.toString());
                word.setLength(0);
                inWord = false;
            }
        } else {
            addRawChar(ch);
        }
    }

    /** A character that is part of the word whatever it is (escaped, or from a quote). */
    void addRawChar(int ch) {
        word.appendCodePoint(ch);
        inWord = true;
    }

    /** The result of an unquoted expansion: every character is subject to splitting. */
    void addString(String s) {
        s.codePoints().forEach(this::addChar);
    }

    /** Quoted text: appended as it is. */
    void addRawString(String s) {
        word.append(s);
        inWord = true;
    }

    /** The finished list; a trailing word counts only when it has text. */
    List<String> words() {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
            inWord = false;
        }
        return words;
    }
}
