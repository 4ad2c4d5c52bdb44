package dev.stagecraft.api;

import dev.stagecraft.frontend.FrontendOptions;
import dev.stagecraft.frontend.FrontendResult;
import dev.stagecraft.frontend.StagePlan;
import java.nio.file.Path;
import java.util.List;

/**
 * What a build would do: the stages that run and in which waves, every step with its variables
 * expanded, the stages skipped and why, and the image config the target produces.
 */
public final class BuildPlan {
    private final Path dockerfile;
    private final FrontendOptions options;
    private final FrontendResult result;

    BuildPlan(Path dockerfile, FrontendOptions options, FrontendResult result) {
        this.dockerfile = dockerfile;
        this.options = options;
        this.result = result;
    }

    public Path dockerfile() {
        return dockerfile;
    }

    /** The frontend's full result, for callers that want the graph itself. */
    public FrontendResult result() {
        return result;
    }

    /** The display names of the stages that run, in Dockerfile order. */
    public List<String> stageNames() {
        return result.stages().stream().map(StagePlan::displayName).toList();
    }

    /** The display names of the stages that are skipped. */
    public List<String> skippedStageNames() {
        return result.skipped().stream().map(s -> s.displayName()).toList();
    }

    /** Stage names grouped in waves that can run at the same time, first wave first. */
    public List<List<String>> waves() {
        return result.waves().stream().map(w -> w.stream().map(StagePlan::displayName).toList()).toList();
    }

    /** The platform the stages are built for, {@code os/arch[/variant]}. */
    public String platform() {
        return options.effectiveTargetPlatform().format();
    }

    /** Writes the plan in the given format. */
    public String render(PlanFormat format) {
        return switch (format) {
            case TEXT -> PlanText.render(this);
            case JSON -> PlanJson.render(this);
            case DOT -> PlanDot.render(this);
        };
    }
}
