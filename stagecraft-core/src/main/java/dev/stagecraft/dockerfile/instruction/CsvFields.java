package dev.stagecraft.dockerfile.instruction;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV record the way Go's {@code encoding/csv} reads a line (which BuildKit's
 * {@code go-csvvalue} mirrors): {@code ,} separates fields, a field starting with {@code "} is
 * quoted and {@code ""} inside it is a literal quote.
 */
final class CsvFields {
    private static final String BARE_QUOTE = "bare \" in non-quoted-field";
    private static final String BAD_QUOTE = "extraneous or missing \" in quoted-field";

    private CsvFields() {
    }

    /**
     * @throws IllegalArgumentException with Go's text, e.g.
     *         {@code parse error on line 1, column 5: bare " in non-quoted-field}
     */
    static List<String> split(String line) {
        String s = line;
        if (s.endsWith("\r\n")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            // encoding/csv skips empty lines, so reading the only record hits the end of input.
            throw new IllegalArgumentException("EOF");
        }
        List<String> fields = new ArrayList<>();
        int pos = 0;
        while (true) {
            if (pos >= s.length() || s.charAt(pos) != '"') {
                int comma = s.indexOf(',', pos);
                String field = comma < 0 ? s.substring(pos) : s.substring(pos, comma);
                int quote = field.indexOf('"');
                if (quote >= 0) {
                    throw error(pos + quote, BARE_QUOTE);
                }
                fields.add(field);
                if (comma < 0) {
                    return fields;
                }
                pos = comma + 1;
                continue;
            }
            pos++;
            StringBuilder field = new StringBuilder();
            while (true) {
                int quote = s.indexOf('"', pos);
                if (quote < 0) {
                    throw error(s.length(), BAD_QUOTE);
                }
                field.append(s, pos, quote);
                pos = quote + 1;
                if (pos < s.length() && s.charAt(pos) == '"') {
                    field.append('"');
                    pos++;
                } else if (pos < s.length() && s.charAt(pos) == ',') {
                    fields.add(field.toString());
                    pos++;
                    break;
                } else if (pos >= s.length()) {
                    fields.add(field.toString());
                    return fields;
                } else {
                    throw error(pos - 1, BAD_QUOTE);
                }
            }
        }
    }

    private static IllegalArgumentException error(int index, String what) {
        return new IllegalArgumentException("parse error on line 1, column " + (index + 1) + ": " + what);
    }
}
