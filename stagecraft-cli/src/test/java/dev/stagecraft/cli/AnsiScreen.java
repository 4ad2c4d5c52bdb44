package dev.stagecraft.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Enough of a terminal to replay progress output: CR, LF, cursor up ({@code ESC[nA}), erase line
 * ({@code ESC[2K}, {@code ESC[K}), erase below ({@code ESC[J}); colours ({@code ESC[..m}) are dropped.
 * The screen grows downwards without limit, so every line ever left on it stays.
 */
final class AnsiScreen {
    private AnsiScreen() {
    }

    /** The non-empty rows after {@code output}, top to bottom. */
    static List<String> replay(String output) {
        List<StringBuilder> rows = new ArrayList<>();
        rows.add(new StringBuilder());
        int row = 0;
        int col = 0;
        for (int i = 0; i < output.length(); i++) {
            char c = output.charAt(i);
            if (c == '\u001b' && i + 1 < output.length() && output.charAt(i + 1) == '[') {
                int j = i + 2;
                while (j < output.length() && !Character.isLetter(output.charAt(j))) {
                    j++;
                }
                String arg = output.substring(i + 2, j);
                char op = output.charAt(j);
                if (op == 'A') {
                    row = Math.max(0, row - (arg.isEmpty() ? 1 : Integer.parseInt(arg)));
                } else if (op == 'K') {
                    StringBuilder line = rows.get(row);
                    line.setLength(arg.equals("2") ? 0 : Math.min(col, line.length()));
                } else if (op == 'J') {
                    StringBuilder line = rows.get(row);
                    line.setLength(Math.min(col, line.length()));
                    for (int r = row + 1; r < rows.size(); r++) {
                        rows.get(r).setLength(0);
                    }
                } else if (op != 'm') {
                    throw new IllegalArgumentException("unexpected escape ESC[" + arg + op);
                }
                i = j;
            } else if (c == '\r') {
                col = 0;
            } else if (c == '\n') {
                row++;
                col = 0;
                while (rows.size() <= row) {
                    rows.add(new StringBuilder());
                }
            } else {
                StringBuilder line = rows.get(row);
                while (line.length() < col) {
                    line.append(' ');
                }
                if (col < line.length()) {
                    line.setCharAt(col, c);
                } else {
                    line.append(c);
                }
                col++;
            }
        }
        return rows.stream().map(StringBuilder::toString).filter(s -> !s.isEmpty()).toList();
    }
}
