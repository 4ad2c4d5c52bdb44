package dev.stagecraft.context;

import dev.stagecraft.StagecraftException;

/** A path pattern (a COPY source wildcard, a {@code .dockerignore} line, {@code --exclude}) that is malformed. */
public class InvalidPatternException extends StagecraftException {
    private static final long serialVersionUID = 1L;

    public InvalidPatternException(String message) {
        super(message);
    }
}
