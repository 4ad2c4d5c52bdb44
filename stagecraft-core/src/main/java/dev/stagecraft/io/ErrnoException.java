package dev.stagecraft.io;

import java.io.IOException;

/**
 * A system call failed: the message names the call, the path and the C library's text for the
 * error number, which {@link #errno()} keeps so that callers can tell "no such attribute" from a
 * real failure.
 */
public final class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int errno;

    ErrnoException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The error number the call set, e.g. {@link LinuxCalls#ENODATA}. */
    public int errno() {
        return errno;
    }
}
