package dev.stagecraft.dockerfile.parser;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the parser directives ({@code # syntax=}, {@code # escape=}, {@code # check=}) at the
 * top of a Dockerfile.
 *
 * <p>It is fed every line and gives up for good at the first line that is not a known directive,
 * so a directive after a blank line, an instruction, a plain comment or an unknown directive is
 * just a comment.
 */
final class DirectiveParser {
    // Go's \s is [\t\n\f\r ] (no \v) and its '.' stops only at \n; spelled out so Java agrees.
    private static final Pattern DIRECTIVE = Pattern.compile(
            "^([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*([^\\n]+?)[\\t\\n\\f\\r ]*\\z");

    private static final Set<String> KNOWN = Set.of("syntax", "escape", "check");

    private final Set<String> seen = new HashSet<>();
    private boolean done;
    private String syntax;
    private String check;
    private char escape = Directives.DEFAULT_ESCAPE;

    /**
     * Looks at one line (newline removed; leading whitespace removed for the first line of an
     * instruction).
     *
     * @return true when the line was a directive
     * @throws DockerfileException for a repeated directive or a bad escape token
     */
    boolean accept(String line, int lineNumber) {
        if (done) {
            return false;
        }
        if (!line.startsWith("#")) {
            done = true;
            return false;
        }
        Matcher m = DIRECTIVE.matcher(GoSpaces.trimLeft(line.substring(1)));
        if (!m.find()) {
            done = true;
            return false;
        }
        String key = m.group(1).toLowerCase(Locale.ROOT);
        if (!KNOWN.contains(key)) {
            done = true;
            return false;
        }
        if (!seen.add(key)) {
            throw new DockerfileException("only one " + key + " parser directive can be used",
                    SourceRange.line(lineNumber));
        }
        String value = m.group(2);
        switch (key) {
            case "escape" -> escape = escapeToken(value, lineNumber);
            case "syntax" -> syntax = value;
            default -> check = value;
        }
        return true;
    }

    /** The escape character in force now; it changes as soon as {@code # escape=} is read. */
    char escape() {
        return escape;
    }

    Directives directives() {
        return new Directives(Optional.ofNullable(syntax), escape, Optional.ofNullable(check));
    }

    private static char escapeToken(String value, int lineNumber) {
        if (!value.equals("`") && !value.equals("\\")) {
            throw new DockerfileException("invalid escape token '" + value + "' does not match ` or \\",
                    SourceRange.line(lineNumber));
        }
        return value.charAt(0);
    }
}
