package dev.stagecraft.frontend;

import dev.stagecraft.dockerfile.parser.ParseWarning;
import dev.stagecraft.frontend.DockerfileFrontend.StateTable;
import dev.stagecraft.text.GoText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns the frontend's working states into the immutable {@link FrontendResult}. */
final class PlanAssembler {
    private PlanAssembler() {
    }

    static FrontendResult assemble(StateTable table, Set<DispatchState> reachable, DispatchState target,
            List<String> contextPaths, EnvList globals, List<ParseWarning> warnings) {
        List<StagePlan> stages = new ArrayList<>();
        List<SkippedStage> skipped = new ArrayList<>();
        String targetName = target.stage.displayName();
        for (DispatchState d : table.states) {
            if (d.unregistered) {
                continue;
            }
            if (!reachable.contains(d)) {
                skipped.add(new SkippedStage(d.position, d.stage.displayName(),
                        "not needed to build target " + GoText.quote(targetName), d.stage.location()));
                continue;
            }
            stages.add(plan(d));
        }
        return new FrontendResult(stages, skipped, target.position, contextPaths, globals.toKeyValues(), warnings);
    }

    private static StagePlan plan(DispatchState d) {
        List<Integer> deps = new ArrayList<>();
        List<String> images = new ArrayList<>();
        for (DispatchState dep : d.deps.keySet()) {
            if (dep.unregistered) {
                String name = dep.isScratchBase() ? "scratch" : dep.baseName;
                if (!images.contains(name)) {
                    images.add(name);
                }
            } else if (dep != d && !deps.contains(dep.position)) { // an ONBUILD trigger may read its own stage
                deps.add(dep.position);
            }
        }
        StageBase base;
        if (d.base != null) {
            base = new StageBase(StageBase.Kind.STAGE, d.base.stage.displayName(), d.base.position, d.baseConfigKnown);
        } else if (d.isScratchBase()) {
            base = new StageBase(StageBase.Kind.SCRATCH, "scratch", -1, true);
        } else {
            base = new StageBase(StageBase.Kind.IMAGE, d.baseName, -1, d.baseConfigKnown);
        }
        return new StagePlan(d.position, d.stage.name(), d.stage.displayName(), base, d.platform, deps, images,
                d.steps, d.image.build(), d.state, d.stage.location());
    }
}
