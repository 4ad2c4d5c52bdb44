package dev.stagecraft.cli;

import java.io.PrintWriter;
import java.util.List;

/** Columns padded to their widest cell, three spaces apart, as docker prints its tables. */
final class Table {
    private Table() {
    }

    static void print(PrintWriter out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 3));
                }
            }
            out.println(line);
        }
    }
}
