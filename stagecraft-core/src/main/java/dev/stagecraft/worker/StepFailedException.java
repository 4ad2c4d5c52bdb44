package dev.stagecraft.worker;

import dev.stagecraft.StagecraftException;

/** A build step ran and failed (a RUN exited non-zero, a COPY source is missing). */
public class StepFailedException extends StagecraftException {
    private final int exitCode;

    public StepFailedException(String message) {
        this(message, 0);
    }

    public StepFailedException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The process's exit code for a failed RUN, else 0. */
    public int exitCode() {
        return exitCode;
    }
}
