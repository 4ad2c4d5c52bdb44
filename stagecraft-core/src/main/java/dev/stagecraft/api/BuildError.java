package dev.stagecraft.api;

import dev.stagecraft.StagecraftException;
import java.nio.file.Path;
import java.util.List;

/**
 * A build step failed. {@link #report()} shows it as {@code docker build} does: the step, the last
 * lines it wrote, the Dockerfile excerpt with its line marked, and the error.
 */
public final class BuildError extends StagecraftException {
    private static final long serialVersionUID = 1L;

    private final String step;
    private final Path file;
    private final int line;
    private final int exitCode;
    private final List<String> outputTail;
    private final String excerpt;

    BuildError(String message, Throwable cause, String step, Path file, int line, int exitCode,
            List<String> outputTail, String excerpt) {
        super(message, cause);
        this.step = step;
        this.file = file;
        this.line = line;
        this.exitCode = exitCode;
        this.outputTail = List.copyOf(outputTail);
        this.excerpt = excerpt;
    }

    /** The failed step's name ({@code [build 2/4] RUN make}). */
    public String step() {
        return step;
    }

    /** The Dockerfile. */
    public Path file() {
        return file;
    }

    /** The step's first Dockerfile line, 0 when unknown. */
    public int line() {
        return line;
    }

    /** The exit code of a failed RUN, else 0. */
    public int exitCode() {
        return exitCode;
    }

    /** The last lines the step wrote. */
    public List<String> outputTail() {
        return outputTail;
    }

    /** The Dockerfile excerpt around the step, or "". */
    public String excerpt() {
        return excerpt;
    }

    /** The whole report, ending with {@code ERROR: failed to solve: <message>}. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append("------\n > ").append(step).append(":\n");
        for (String l : outputTail) {
            sb.append(l).append('\n');
        }
        sb.append("------\n");
        sb.append(excerpt);
        sb.append("ERROR: failed to solve: ").append(getMessage()).append('\n');
        return sb.toString();
    }
}
