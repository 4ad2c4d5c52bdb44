package dev.stagecraft.content;

import dev.stagecraft.StagecraftException;

/** Content that does not match the digest or size it was announced with. */
public class DigestMismatchException extends StagecraftException {
    private static final long serialVersionUID = 1L;

    public DigestMismatchException(String message) {
        super(message);
    }
}
