package dev.stagecraft.exec;

/** Receives a running process's output, from the executor's reader threads. */
public interface ProcessOutput {
    /** A chunk of output; {@code stream} is 1 for stdout, 2 for stderr. */
    void write(int stream, byte[] bytes, int offset, int length);

    /** Output that goes nowhere. */
    ProcessOutput DISCARD = (stream, bytes, offset, length) -> { };
}
