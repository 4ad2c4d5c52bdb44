package dev.stagecraft.dockerfile.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a logical line into keyword, leading {@code --flags} and the rest, as BuildKit's
 * {@code splitCommand}/{@code extractBuilderFlags} do.
 *
 * <p>Inside flag words quotes are removed and a backslash escapes the next character. That
 * backslash is fixed: BuildKit does not use the {@code # escape=} character here.
 */
final class CommandSplitter {
    /** The pieces of one instruction line; {@code rest} is trimmed. */
    record Split(String keyword, List<String> flags, String rest) {
    }

    private enum Phase { SPACES, WORD, QUOTE }

    private CommandSplitter() {
    }

    static Split split(String line) {
        List<String> parts = GoSpaces.splitBlanks(GoSpaces.trim(line), 2);
        String keyword = parts.get(0);
        if (parts.size() < 2) {
            return new Split(keyword, List.of(), "");
        }
        List<String> flags = new ArrayList<>();
        String rest = extractFlags(parts.get(1), flags);
        return new Split(keyword, flags, GoSpaces.trim(rest));
    }

    /** Moves the leading flag words of {@code line} into {@code flags} and returns what follows. */
    private static String extractFlags(String line, List<String> flags) {
        Phase phase = Phase.SPACES;
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean blankOk = false;
        int len = line.length();
        for (int pos = 0; pos <= len; pos++) {
            char ch = pos < len ? line.charAt(pos) : 0;
            if (phase == Phase.SPACES) {
                if (pos == len) {
                    break;
                }
                if (GoSpaces.isSpace(ch)) {
                    continue;
                }
                if (ch != '-' || pos + 1 == len || line.charAt(pos + 1) != '-') {
                    return line.substring(pos);
                }
                phase = Phase.WORD;
            }
            if (pos == len) {
                if (!word.toString().equals("--") && (blankOk || word.length() > 0)) {
                    flags.add(word.toString());
                }
                break;
            }
            if (phase == Phase.WORD) {
                if (GoSpaces.isSpace(ch)) {
                    phase = Phase.SPACES;
                    if (word.toString().equals("--")) {
                        return line.substring(pos);
                    }
                    if (blankOk || word.length() > 0) {
                        flags.add(word.toString());
                    }
                    word.setLength(0);
                    blankOk = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                    phase = Phase.QUOTE;
                    continue;
                }
                if (ch == '\\') {
                    if (pos + 1 == len) {
                        continue;
                    }
                    ch = line.charAt(++pos);
                }
                word.append(ch);
                continue;
            }
            if (ch == quote) {
                phase = Phase.WORD;
                continue;
            }
            if (ch == '\\') {
                if (pos + 1 == len) {
                    phase = Phase.WORD;
                    continue;
                }
                ch = line.charAt(++pos);
            }
            word.append(ch);
        }
        return "";
    }
}
