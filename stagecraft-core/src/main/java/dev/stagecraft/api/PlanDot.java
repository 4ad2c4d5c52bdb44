package dev.stagecraft.api;

import dev.stagecraft.frontend.FrontendResult;
import dev.stagecraft.frontend.SkippedStage;
import dev.stagecraft.frontend.StageBase;
import dev.stagecraft.frontend.StagePlan;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The stage graph for Graphviz: stages that run are boxes, skipped ones dashed and grey, images
 * are ellipses; solid edges are FROM, dashed edges are COPY --from / mounts.
 */
final class PlanDot {
    private PlanDot() {
    }

    static String render(BuildPlan plan) {
        FrontendResult r = plan.result();
        StringBuilder sb = new StringBuilder("digraph stages {\n");
        sb.append("  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
        Set<String> images = new LinkedHashSet<>();
        for (StagePlan s : r.stages()) {
            String style = s.index() == r.target() ? ", style=bold, peripheries=2" : "";
            sb.append(String.format("  %s [label=%s%s];%n", id(s.index()), quote(s.displayName()), style));
        }
        for (SkippedStage s : r.skipped()) {
            sb.append(String.format("  %s [label=%s, style=dashed, color=grey, fontcolor=grey];%n", id(s.index()),
                    quote(s.displayName() + "\n(skipped)")));
        }
        for (StagePlan s : r.stages()) {
            StageBase base = s.base();
            if (base.kind() == StageBase.Kind.STAGE) {
                sb.append(String.format("  %s -> %s [label=\"FROM\"];%n", id(base.stageIndex()), id(s.index())));
            } else {
                images.add(base.name());
                sb.append(String.format("  %s -> %s [label=\"FROM\"];%n", quote(base.name()), id(s.index())));
            }
            for (int dep : s.dependencies()) {
                sb.append(String.format("  %s -> %s [style=dashed, label=\"--from\"];%n", id(dep), id(s.index())));
            }
            for (String img : s.images()) {
                images.add(img);
                sb.append(String.format("  %s -> %s [style=dashed, label=\"--from\"];%n", quote(img), id(s.index())));
            }
        }
        for (String img : images) {
            sb.append(String.format("  %s [shape=ellipse];%n", quote(img)));
        }
        return sb.append("}\n").toString();
    }

    private static String id(int index) {
        return "stage" + index;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
