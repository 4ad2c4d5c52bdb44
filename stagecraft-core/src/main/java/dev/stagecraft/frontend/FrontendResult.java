package dev.stagecraft.frontend;

import dev.stagecraft.dockerfile.parser.ParseWarning;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the frontend decided about a build: which stages run, in what order, what each does,
 * and the image the target produces.
 *
 * @param stages       the stages that run, in Dockerfile order (dependencies always come earlier)
 * @param skipped      the stages that do not run, with the reason
 * @param target       the index of the target stage
 * @param contextPaths paths of the build context the build reads ("/" alone means all), sorted
 * @param globalArgs   the global ARG values FROM lines saw, {@code K=V}
 * @param warnings     non-fatal findings
 */
public record FrontendResult(List<StagePlan> stages, List<SkippedStage> skipped, int target,
        List<String> contextPaths, List<String> globalArgs, List<ParseWarning> warnings) {

    public FrontendResult {
        stages = List.copyOf(stages);
        skipped = List.copyOf(skipped);
        contextPaths = List.copyOf(contextPaths);
        globalArgs = List.copyOf(globalArgs);
        warnings = List.copyOf(warnings);
    }

    /** The target stage's plan. */
    public StagePlan targetStage() {
        return stages.stream().filter(s -> s.index() == target).findFirst().orElseThrow();
    }

    /**
     * The stages grouped into waves: every stage of a wave depends only on stages of earlier
     * waves, so the stages of one wave can run at the same time.
     */
    public List<List<StagePlan>> waves() {
        Map<Integer, Integer> level = new HashMap<>();
        List<List<StagePlan>> waves = new ArrayList<>();
        for (StagePlan s : stages) {
            int l = 0;
            for (int dep : allDependencies(s)) {
                l = Math.max(l, level.getOrDefault(dep, -1) + 1);
            }
            level.put(s.index(), l);
            while (waves.size() <= l) {
                waves.add(new ArrayList<>());
            }
            waves.get(l).add(s);
        }
        return waves.stream().map(List::copyOf).toList();
    }

    /** The stages {@code s} waits for: its base stage and its {@code --from} stages. */
    public static List<Integer> allDependencies(StagePlan s) {
        List<Integer> deps = new ArrayList<>(s.dependencies());
        if (s.base().kind() == StageBase.Kind.STAGE && !deps.contains(s.base().stageIndex())) {
            deps.add(0, s.base().stageIndex());
        }
        return deps;
    }
}
