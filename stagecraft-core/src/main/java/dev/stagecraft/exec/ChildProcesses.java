package dev.stagecraft.exec;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Small process and file chores the executors share. */
public final class ChildProcesses {
    private ChildProcesses() {
    }

    /** The outcome of a helper command run to completion. */
    public record Outcome(int exitCode, String output) {
    }

    /**
     * Runs a helper command (a runtime's {@code kill}, {@code delete}) to its end even when the
     * calling thread is interrupted: cleanup must finish; a pending interrupt is kept.
     */
    public static Outcome runToEnd(List<String> command) {
        boolean interrupted = Thread.interrupted();
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Outcome(waitUninterruptibly(p), out);
        } catch (IOException e) {
            return new Outcome(-1, e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for {@code p} to exit, ignoring interrupts (re-asserted on return). */
    public static int waitUninterruptibly(Process p) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return p.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits up to {@code millis} for {@code p}, ignoring interrupts (re-asserted on return). */
    public static boolean waitUninterruptibly(Process p, long millis) {
        boolean interrupted = Thread.interrupted();
        try {
            return p.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
            return !p.isAlive();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@code exitCode} as an {@link ExecResult}: above 128 (and up to 128+64) means killed by a signal. */
    public static ExecResult result(int exitCode) {
        int signal = exitCode > 128 && exitCode <= 128 + 64 ? exitCode - 128 : 0;
        return new ExecResult(exitCode, signal);
    }
}
