package dev.stagecraft.content;

import dev.stagecraft.StagecraftException;

/** A string that is not a valid content digest. */
public class InvalidDigestException extends StagecraftException {
    private static final long serialVersionUID = 1L;

    public InvalidDigestException(String message) {
        super(message);
    }
}
