package dev.stagecraft.exec;

import java.io.IOException;

/**
 * Runs one process of a build step (RUN) in an isolated container on a prepared root filesystem
 * and waits for it. Interrupting the calling thread kills the process and everything it started,
 * undoes the container's mounts and removes its state before {@code run} returns by throwing
 * {@link InterruptedException}.
 */
public interface Executor {
    /** What runs steps: {@code runc}, {@code crun} or {@code chroot}. */
    String name();

    /**
     * Runs {@code request} to completion.
     *
     * @param output receives the process's stdout and stderr as they come
     * @return how the process ended; a non-zero exit is a result, not an exception
     * @throws ExecException when the container cannot be set up or started
     */
    ExecResult run(ExecRequest request, ProcessOutput output) throws IOException, InterruptedException;
}
