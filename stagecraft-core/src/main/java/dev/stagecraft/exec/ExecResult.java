package dev.stagecraft.exec;

/**
 * How a process ended.
 *
 * @param exitCode its exit status, or {@code 128 + signal} when a signal killed it
 * @param signal   the signal that killed it, 0 if it exited
 */
public record ExecResult(int exitCode, int signal) {
    public boolean succeeded() {
        return exitCode == 0;
    }
}
