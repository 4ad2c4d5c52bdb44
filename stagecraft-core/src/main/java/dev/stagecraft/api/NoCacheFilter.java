package dev.stagecraft.api;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.frontend.FrontendResult;
import dev.stagecraft.frontend.PlannedStep;
import dev.stagecraft.frontend.SkippedStage;
import dev.stagecraft.frontend.StagePlan;
import dev.stagecraft.graph.ExecOp;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.graph.Vertex;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code --no-cache-filter}: the vertices whose results are not taken from the cache, as BuildKit
 * adds {@code IgnoreCache} to the RUN and COPY/ADD ops (and here WORKDIR's mkdir) of the stages
 * named. Stages are matched by name, case-insensitively, as BuildKit's converter compares them
 * with the stage names (it does not take indexes). A name no stage of the Dockerfile has is an
 * error here, where BuildKit would silently ignore it; a stage the target does not need is not.
 *
 * <p>Only those steps run again. Their dependents keep their keys (a key is made from the inputs'
 * keys, not from what a rerun produced), so a later stage that copies from a filtered stage is
 * still CACHED: BuildKit too finds a dependent's record by the rerun op's unchanged cache key.
 */
final class NoCacheFilter {
    private NoCacheFilter() {
    }

    /** The digests of the vertices of the stages {@code names} (lower-cased) that must run. */
    static Set<String> vertices(FrontendResult plan, List<String> names) {
        Set<String> out = new HashSet<>();
        if (names.isEmpty()) {
            return out;
        }
        Set<String> known = new HashSet<>();
        for (StagePlan s : plan.stages()) {
            if (s.name() != null) {
                known.add(s.name().toLowerCase(Locale.ROOT));
            }
        }
        for (SkippedStage s : plan.skipped()) {
            known.add(s.displayName().toLowerCase(Locale.ROOT));
        }
        for (String name : names) {
            if (!known.contains(name)) {
                throw new StagecraftException("no-cache-filter: stage \"" + name + "\" could not be found"
                        + " in the Dockerfile");
            }
        }
        for (StagePlan s : plan.stages()) {
            if (s.name() == null || !names.contains(s.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (PlannedStep step : s.steps()) {
                Vertex v = step.vertex();
                if (v == null) {
                    continue;
                }
                if (worksOnFiles(v)) {
                    out.add(v.digest());
                } else {
                    // COPY --link: the copy is a file op below the merge that applies it
                    for (Vertex in : v.inputs()) {
                        if (in.op() instanceof FileOp) {
                            out.add(in.digest());
                        }
                    }
                }
            }
        }
        return out;
    }

    static boolean worksOnFiles(Vertex v) {
        return v.op() instanceof ExecOp || v.op() instanceof FileOp;
    }
}
