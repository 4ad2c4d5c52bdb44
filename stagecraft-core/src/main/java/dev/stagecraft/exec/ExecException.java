package dev.stagecraft.exec;

import dev.stagecraft.StagecraftException;

/** A container could not be set up, started or cleaned up. */
public class ExecException extends StagecraftException {
    public ExecException(String message) {
        super(message);
    }

    public ExecException(String message, Throwable cause) {
        super(message, cause);
    }
}
