package dev.stagecraft.dockerfile.shell;

import dev.stagecraft.StagecraftException;

/**
 * A word that cannot be expanded. The message follows BuildKit:
 * {@code failed to process "<word>": <reason>}. It carries no line: the caller, which knows the
 * instruction, wraps it into a {@link dev.stagecraft.dockerfile.DockerfileException}.
 */
public class ShellExpansionException extends StagecraftException {
    private static final long serialVersionUID = 1L;

    public ShellExpansionException(String message) {
        super(message);
    }
}
