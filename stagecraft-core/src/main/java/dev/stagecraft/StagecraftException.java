package dev.stagecraft;

/**
 * Root of every error stagecraft reports to its user.
 *
 * <p>The message is meant to be shown as it is: it names the problem and, where there is one,
 * the place. Callers at the edge (the CLI) print {@link #getMessage()} and never a stack trace
 * unless debugging was asked for.
 */
public class StagecraftException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StagecraftException(String message) {
        super(message);
    }

    public StagecraftException(String message, Throwable cause) {
        super(message, cause);
    }
}
