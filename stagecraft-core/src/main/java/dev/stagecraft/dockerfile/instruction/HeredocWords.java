package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.parser.Heredoc;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a heredoc word such as {@code <<EOF}, {@code <<-"EOF"} or {@code 3<<X} among
 * COPY/ADD arguments (BuildKit's {@code MustParseHeredoc}).
 */
final class HeredocWords {
    private static final Pattern HEREDOC = Pattern.compile("^(\\d*)<<(-?)\\s*([^<]*)$");
    private static final Pattern LEADING_TABS = Pattern.compile("(?m)^\\t+");

    private HeredocWords() {
    }

    /**
     * The heredoc a word names, without a body, or null when the word is not a heredoc (including
     * a delimiter that is not exactly one word).
     */
    static Heredoc parse(String word) {
        Matcher m = HEREDOC.matcher(word);
        if (!m.matches() || m.group(3).isEmpty()) {
            return null;
        }
        List<String> unquoted = unquote(m.group(3));
        if (unquoted.size() != 1) {
            return null;
        }
        String name = unquoted.get(0);
        // Quotes anywhere in the delimiter turn expansion of the body off; BuildKit compares the
        // quote count with and without quote removal, so a backslash alone does not.
        boolean quoted = quoteCount(m.group(3)) != quoteCount(name);
        int fd = m.group(1).isEmpty() ? 0 : parseFd(m.group(1));
        return new Heredoc(name, "", !quoted, m.group(2).equals("-"), fd);
    }

    /** Removes leading tabs from every line, as {@code <<-} asks. */
    static String chomp(String content) {
        return LEADING_TABS.matcher(content).replaceAll("");
    }

    private static int parseFd(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long quoteCount(String s) {
        return s.chars().filter(c -> c == '\'' || c == '"').count();
    }

    /**
     * Shell words with quotes and backslash escapes removed; variables are left alone because
     * the delimiter is lexed with no variables set and unset ones kept.
     */
    private static List<String> unquote(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                end = end < 0 ? text.length() : end;
                word.append(text, i + 1, end);
                i = end;
            } else if (c == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length() && "\"$\\".indexOf(text.charAt(i + 1)) >= 0) {
                        i++;
                    }
                    word.append(text.charAt(i));
                    i++;
                }
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
