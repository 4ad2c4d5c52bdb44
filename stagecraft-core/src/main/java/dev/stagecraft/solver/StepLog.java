package dev.stagecraft.solver;

/** Where a running step writes its output (a RUN's stdout and stderr, progress of a pull). */
public interface StepLog {
    /** A chunk of output; {@code stream} is 1 for stdout, 2 for stderr. */
    void write(int stream, byte[] bytes, int offset, int length);
}
