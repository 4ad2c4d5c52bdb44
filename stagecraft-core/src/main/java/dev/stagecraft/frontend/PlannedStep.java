package dev.stagecraft.frontend;

import dev.stagecraft.dockerfile.SourceRange;
import dev.stagecraft.graph.Vertex;

/**
 * One instruction of a stage as it will run.
 *
 * @param keyword  RUN, COPY, ENV, ...
 * @param text     the instruction with its variables expanded: for steps that run, BuildKit's
 *                 progress name ({@code [build 2/5] RUN make}); for metadata-only ones, what they
 *                 record ({@code ENV A=1})
 * @param location the source line(s); the stage's FROM line for ONBUILD triggers
 * @param onBuild  true for a trigger inherited from the base's ONBUILD
 * @param vertex   the graph vertex the step produces, or null for metadata-only steps
 */
public record PlannedStep(String keyword, String text, SourceRange location, boolean onBuild, Vertex vertex) {
    /** True when the step changes the filesystem (RUN, COPY, ADD, WORKDIR other than /). */
    public boolean producesLayer() {
        return vertex != null;
    }
}
