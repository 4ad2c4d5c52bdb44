package dev.stagecraft.registry.auth;

import dev.stagecraft.StagecraftException;

/** Credentials could not be found, read or exchanged for a token. */
public class AuthenticationException extends StagecraftException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
