package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.DockerfileException;

/**
 * {@code COPY/ADD --chmod} validation, as BuildKit's {@code dispatchCopy} does it: an octal
 * number up to 07777, else a chmod(1) symbolic mode checked with the grammar of BSD
 * {@code setmode} (the {@code dchapes-mode} package).
 */
public final class FileModes {
    private static final String WHO = "ugoa";
    private static final String PERMS = "rstwXxugo";

    private FileModes() {
    }

    /**
     * Parses an (expanded) {@code --chmod} value.
     *
     * @return the mode, or null for "" (BuildKit treats an empty value as not given)
     * @throws DockerfileException {@code invalid chmod parameter: '<v>'. it should be octal string
     *         and between 0 and 07777} for anything that is neither a valid octal nor a valid
     *         symbolic mode (the reference's wording; the symbolic parser's bare "invalid syntax"
     *         would not tell the user which flag is wrong)
     */
    public static Chmod parseChmod(String value) {
        if (value.isEmpty()) {
            return null;
        }
        long octal = GoNumbers.parseUint32(value, 8);
        if (octal >= 0) {
            if (octal > 07777) {
                throw nonOctal(value);
            }
            return new Chmod((int) octal, null);
        }
        char first = value.charAt(0);
        if (first >= '0' && first <= '9') {
            // setmode reads a leading digit as a number, and its number errors are reported as
            // the octal message for compatibility.
            throw nonOctal(value);
        }
        if (!validSymbolic(value)) {
            throw nonOctal(value);
        }
        return new Chmod(null, value);
    }

    /** The clause grammar: {@code [ugoa]* ([+-=] [rstwXxugo]*)+} separated by commas. */
    private static boolean validSymbolic(String s) {
        int i = 0;
        while (true) {
            while (i < s.length() && WHO.indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            do {
                // setmode indexes past the end here (a Go panic); reject instead.
                if (i >= s.length() || "+-=".indexOf(s.charAt(i)) < 0) {
                    return false;
                }
                i++;
                while (i < s.length() && PERMS.indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
                if (i == s.length()) {
                    return true;
                }
            } while (s.charAt(i) != ',');
            i++;
            if (i == s.length()) {
                return false;
            }
        }
    }

    private static DockerfileException nonOctal(String value) {
        return new DockerfileException("invalid chmod parameter: '" + value
                + "'. it should be octal string and between 0 and 07777");
    }
}
