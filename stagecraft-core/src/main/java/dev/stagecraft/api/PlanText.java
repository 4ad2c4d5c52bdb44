package dev.stagecraft.api;

import dev.stagecraft.dockerfile.parser.ParseWarning;
import dev.stagecraft.frontend.FrontendResult;
import dev.stagecraft.frontend.PlannedStep;
import dev.stagecraft.frontend.SkippedStage;
import dev.stagecraft.frontend.StageBase;
import dev.stagecraft.frontend.StagePlan;
import java.util.List;
import java.util.stream.Collectors;

/** The plan for people. */
final class PlanText {
    private PlanText() {
    }

    static String render(BuildPlan plan) {
        FrontendResult r = plan.result();
        StagePlan target = r.targetStage();
        StringBuilder sb = new StringBuilder();
        sb.append("Dockerfile: ").append(plan.dockerfile()).append('\n');
        sb.append("Target:     ").append(target.displayName()).append(" (stage ").append(target.index())
                .append(")\n");
        sb.append("Platform:   ").append(plan.platform()).append('\n');
        if (r.stages().stream().anyMatch(s -> !s.base().configKnown())) {
            sb.append("Note:       base images were not looked up (plan contacts no registry): their tags are not\n"
                    + "            pinned and their own config (ENV, WORKDIR, USER, CMD, ...) is not shown.\n");
        }

        sb.append("\nBuild order (the stages of one wave run at the same time):\n");
        List<List<StagePlan>> waves = r.waves();
        for (int i = 0; i < waves.size(); i++) {
            sb.append(String.format("  wave %d: %s%n", i + 1,
                    waves.get(i).stream().map(StagePlan::displayName).collect(Collectors.joining(", "))));
        }
        if (!r.skipped().isEmpty()) {
            sb.append("\nSkipped stages:\n");
            for (SkippedStage s : r.skipped()) {
                sb.append(String.format("  %s (stage %d, line %d): %s%n", s.displayName(), s.index(),
                        s.location().startLine(), s.reason()));
            }
        }
        for (StagePlan s : r.stages()) {
            sb.append('\n').append(stageHeader(s, r)).append('\n');
            for (PlannedStep step : s.steps()) {
                sb.append(String.format("  %4d  %s%n", step.location().startLine(), oneLine(step.text())));
            }
        }
        sb.append("\nBuild context read: ").append(contextRead(r.contextPaths())).append('\n');
        if (!r.warnings().isEmpty()) {
            sb.append("\nWarnings:\n");
            for (ParseWarning w : r.warnings()) {
                sb.append(String.format("  line %d: %s (%s)%n", w.location().startLine(), w.message(), w.rule()));
            }
        }
        sb.append("\nImage config of ").append(target.displayName()).append(":\n");
        sb.append(target.image().toPrettyJson()).append('\n');
        return sb.toString();
    }

    private static String stageHeader(StagePlan s, FrontendResult r) {
        StringBuilder sb = new StringBuilder("Stage ").append(s.displayName()).append(" (stage ").append(s.index())
                .append(", line ").append(s.location().startLine()).append(") from ");
        StageBase base = s.base();
        switch (base.kind()) {
            case SCRATCH -> sb.append("scratch");
            case STAGE -> sb.append("stage ").append(base.name());
            case IMAGE -> sb.append(base.name());
        }
        if (!base.configKnown()) {
            sb.append(" (not looked up)");
        }
        List<String> needs = FrontendResult.allDependencies(s).stream()
                .map(i -> r.stages().stream().filter(x -> x.index() == i).findFirst().map(StagePlan::displayName)
                        .orElse("stage " + i))
                .filter(n -> base.kind() != StageBase.Kind.STAGE || !n.equals(base.name()))
                .collect(Collectors.toList());
        needs.addAll(s.images());
        if (!needs.isEmpty()) {
            sb.append("; reads from ").append(String.join(", ", needs));
        }
        return sb.toString();
    }

    private static String contextRead(List<String> paths) {
        if (paths.isEmpty()) {
            return "nothing";
        }
        return paths.equals(List.of("/")) ? "all of it" : String.join(" ", paths);
    }

    /** Heredoc scripts and multi-line commands are shown on one line. */
    private static String oneLine(String text) {
        return text.replace("\n", "\\n");
    }
}
