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
}
