package dev.stagecraft.worker.file;

import dev.stagecraft.StagecraftException;

/** A file operation (COPY, ADD, WORKDIR, inline document) that cannot be carried out; the message names the path. */
public class FileOpException extends StagecraftException {
    private static final long serialVersionUID = 1L;

    public FileOpException(String message) {
        super(message);
    }

    public FileOpException(String message, Throwable cause) {
        super(message, cause);
    }
}
