package dev.stagecraft.reference;

import dev.stagecraft.StagecraftException;

/**
 * A platform specifier that containerd's {@code platforms.Parse} would reject.
 *
 * <p>The message is containerd's, e.g.
 * {@code "foo": unknown operating system or architecture: invalid argument}; BuildKit wraps it as
 * {@code failed to parse platform <raw>: <message>}, which is left to the caller.
 */
public class InvalidPlatformException extends StagecraftException {
    private static final long serialVersionUID = 1L;

    public InvalidPlatformException(String message) {
        super(message);
    }
}
