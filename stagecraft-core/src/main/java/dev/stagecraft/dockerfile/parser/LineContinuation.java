package dev.stagecraft.dockerfile.parser;

/**
 * The line-continuation rule of BuildKit's regex {@code ([^E])E[ \t]*$|^E[ \t]*$} for escape
 * character E: a line continues when E is its last character other than spaces and tabs and is
 * not itself preceded by E. The E and the blanks after it are dropped; nothing is inserted in
 * their place, so {@code echo good\} + {@code bye} reads {@code echo goodbye}.
 */
final class LineContinuation {
    /** A line with its continuation marker removed, and whether the next line belongs to it. */
    record Trimmed(String text, boolean continues) {
    }

    private LineContinuation() {
    }

    /** Applies the rule to one line whose newline is already removed. */
    static Trimmed trim(String line, char escape) {
        int last = line.length() - 1;
        while (last >= 0 && (line.charAt(last) == ' ' || line.charAt(last) == '\t')) {
            last--;
        }
        if (last < 0 || line.charAt(last) != escape) {
            return new Trimmed(line, false);
        }
        // An escaped escape char ("\\") at the end is literal, not a continuation.
        if (last > 0 && line.charAt(last - 1) == escape) {
            return new Trimmed(line, false);
        }
        return new Trimmed(line.substring(0, last), true);
    }
}
