package dev.stagecraft.solver;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.graph.Vertex;
import java.util.List;

/** A vertex failed, which failed the build. */
public final class SolveException extends StagecraftException {
    private final transient Vertex vertex;
    private final List<String> outputTail;

    SolveException(Vertex vertex, Throwable cause, List<String> outputTail) {
        super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        this.vertex = vertex;
        this.outputTail = List.copyOf(outputTail);
    }

    /** The vertex that failed. */
    public Vertex vertex() {
        return vertex;
    }

    /** The last lines the failed step wrote, oldest first. */
    public List<String> outputTail() {
        return outputTail;
    }
}
