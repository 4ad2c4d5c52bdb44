package dev.stagecraft.dockerfile.shell;

/**
 * The bare reason an expansion failed, raised deep inside the scanner. {@link ShellLex} turns it
 * into a {@link ShellExpansionException} carrying BuildKit's {@code failed to process "<word>": }
 * prefix; it never leaves the package.
 */
final class ExpansionFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExpansionFailure(String reason) {
        super(reason, null, false, false);
    }

    /**
     * Refuses a word that grows past {@link ShellLex#MAX_WORD_LENGTH}: a few lines such as
     * {@code ENV A=$A$A$A$A} grow a value exponentially, and no process could be given it anyway.
     */
    static void checkLength(int length) {
        if (length > ShellLex.MAX_WORD_LENGTH) {
            throw new ExpansionFailure("expanded word is longer than " + ShellLex.MAX_WORD_LENGTH + " characters");
        }
    }
}
