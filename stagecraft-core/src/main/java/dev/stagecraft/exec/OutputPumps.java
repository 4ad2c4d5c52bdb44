package dev.stagecraft.exec;

import java.io.IOException;
import java.io.InputStream;

/**
 * Copies a child's stdout and stderr to a {@link ProcessOutput} on two daemon threads, so that
 * neither pipe fills up and blocks the child while the caller waits.
 */
public final class OutputPumps {
    private final Thread out;
    private final Thread err;

    private OutputPumps(Thread out, Thread err) {
        this.out = out;
        this.err = err;
    }

    /** Starts reading {@code process}'s stdout (stream 1) and stderr (stream 2). */
    public static OutputPumps start(Process process, ProcessOutput output, String name) {
        Thread out = pump(process.getInputStream(), 1, output, name + "-stdout");
        Thread err = pump(process.getErrorStream(), 2, output, name + "-stderr");
        return new OutputPumps(out, err);
    }

    /**
     * Waits until both pipes reach end of file (every process holding them has exited), without
     * reacting to interrupts; a pending interrupt is kept for the caller.
     */
    public void awaitEnd() {
        boolean interrupted = false;
        for (Thread t : new Thread[] {out, err}) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(InputStream in, int stream, ProcessOutput output, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (n > 0) {
                        output.write(stream, buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // The pipe closes when the process is killed; the exit status says what happened.
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
