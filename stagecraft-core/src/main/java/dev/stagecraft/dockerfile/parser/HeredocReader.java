package dev.stagecraft.dockerfile.parser;

import dev.stagecraft.dockerfile.shell.ShellEnv;
import dev.stagecraft.dockerfile.shell.ShellExpansionException;
import dev.stagecraft.dockerfile.shell.ShellLex;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the heredocs an instruction line opens ({@code <<EOF}, {@code <<-"EOF"}, {@code 3<<X})
 * and reads their bodies from the lines that follow it.
 *
 * <p>Detection is BuildKit's: the line is shell-lexed with quotes, escapes and unset variables
 * kept as written (always with escape {@code \}, whatever the file's escape character), and each
 * word that looks like {@code [fd]<<[-]name} is a heredoc, provided the name is one shell word.
 */
final class HeredocReader {
    // Go's \d is ASCII-only and its \s is [\t\n\f\r ]; \z because Go's $ does not stop before a newline.
    private static final Pattern MARKER = Pattern.compile("^([0-9]*)<<(-?)[\\t\\n\\f\\r ]*([^<]*)\\z");
    private static final Pattern LEADING_TABS = Pattern.compile("^\\t+", Pattern.MULTILINE | Pattern.UNIX_LINES);

    private static final ShellLex LINE_LEXER = new ShellLex('\\')
            .withRawQuotes(true).withRawEscapes(true).withSkipUnsetEnv(true);
    private static final ShellLex NAME_LEXER = new ShellLex('\\').withSkipUnsetEnv(true);
    private static final ShellLex RAW_NAME_LEXER = NAME_LEXER.withRawQuotes(true);

    static final String UNTERMINATED = "unterminated heredoc";

    /** A heredoc opener found on the instruction line, before its body is read. */
    record Marker(String name, boolean expand, boolean chomp, int fileDescriptor) {
    }

    private HeredocReader() {
    }

    /**
     * Reads the bodies of every heredoc that {@code line} opens, in order, from {@code lines}.
     *
     * @throws LineSyntaxError when a body has no terminator or a delimiter cannot be lexed
     */
    static List<Heredoc> read(String line, PhysicalLines lines) {
        List<Heredoc> heredocs = new ArrayList<>();
        for (Marker marker : markers(line)) {
            heredocs.add(readBody(marker, lines));
        }
        return heredocs;
    }

    /** The heredocs opened by {@code line}, in order of appearance. */
    static List<Marker> markers(String line) {
        List<String> words;
        try {
            words = LINE_LEXER.processWords(line, ShellEnv.empty());
        } catch (ShellExpansionException e) {
            // BuildKit ignores a line it cannot lex: such a line simply opens no heredoc.
            return List.of();
        }
        List<Marker> markers = new ArrayList<>();
        for (String word : words) {
            Matcher m = MARKER.matcher(word);
            if (m.find()) {
                Marker marker = marker(m.group(1), m.group(2), m.group(3));
                if (marker != null) {
                    markers.add(marker);
                }
            }
        }
        return markers;
    }

    private static Marker marker(String fd, String dash, String delimiter) {
        if (delimiter.isEmpty()) {
            return null;
        }
        List<String> words;
        List<String> rawWords;
        try {
            words = NAME_LEXER.processWords(delimiter, ShellEnv.empty());
            if (words.size() != 1) {
                return null;
            }
            rawWords = RAW_NAME_LEXER.processWords(delimiter, ShellEnv.empty());
        } catch (ShellExpansionException e) {
            throw new LineSyntaxError(e.getMessage());
        }
        if (rawWords.size() != 1) {
            throw new LineSyntaxError("internal lexing of heredoc produced inconsistent results: " + delimiter);
        }
        String name = words.get(0);
        // Lexing removed quotes exactly when some part of the delimiter was quoted.
        boolean expand = quoteCount(name) == quoteCount(rawWords.get(0));
        return new Marker(name, expand, dash.equals("-"), fileDescriptor(fd));
    }

    private static Heredoc readBody(Marker marker, PhysicalLines lines) {
        StringBuilder body = new StringBuilder();
        String raw;
        while ((raw = lines.next()) != null) {
            String candidate = GoSpaces.trimNewline(raw);
            if (marker.chomp()) {
                candidate = stripLeadingTabs(candidate);
            }
            if (candidate.equals(marker.name())) {
                String content = marker.chomp() ? chomp(body.toString()) : body.toString();
                return new Heredoc(marker.name(), content, marker.expand(), marker.chomp(), marker.fileDescriptor());
            }
            body.append(raw);
        }
        throw new LineSyntaxError(UNTERMINATED);
    }

    /** Removes the leading tabs of every line, as {@code <<-} asks. */
    static String chomp(String content) {
        return LEADING_TABS.matcher(content).replaceAll("");
    }

    private static String stripLeadingTabs(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '\t') {
            i++;
        }
        return s.substring(i);
    }

    private static int quoteCount(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\'' || s.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }

    /** BuildKit ignores a number it cannot parse and uses 0, as for no number at all. */
    private static int fileDescriptor(String digits) {
        try {
            return digits.isEmpty() ? 0 : Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
