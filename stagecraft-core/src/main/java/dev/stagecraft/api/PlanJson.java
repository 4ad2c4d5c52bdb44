package dev.stagecraft.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagecraft.dockerfile.SourceRange;
import dev.stagecraft.frontend.FrontendResult;
import dev.stagecraft.frontend.PlannedStep;
import dev.stagecraft.frontend.SkippedStage;
import dev.stagecraft.frontend.StagePlan;
import java.util.List;

/** The plan as one JSON document. */
final class PlanJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    static String render(BuildPlan plan) {
        FrontendResult r = plan.result();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("dockerfile", plan.dockerfile().toString());
        root.put("target", r.targetStage().displayName());
        root.put("platform", plan.platform());
        ArrayNode waves = root.putArray("waves");
        for (List<StagePlan> wave : r.waves()) {
            ArrayNode w = waves.addArray();
            wave.forEach(s -> w.add(s.displayName()));
        }
        ArrayNode stages = root.putArray("stages");
        for (StagePlan s : r.stages()) {
            stages.add(stage(s));
        }
        ArrayNode skipped = root.putArray("skipped");
        for (SkippedStage s : r.skipped()) {
            ObjectNode n = skipped.addObject();
            n.put("index", s.index());
            n.put("name", s.displayName());
            n.put("line", s.location().startLine());
            n.put("reason", s.reason());
        }
        ArrayNode ctx = root.putArray("contextPaths");
        r.contextPaths().forEach(ctx::add);
        ArrayNode globals = root.putArray("globalArgs");
        r.globalArgs().forEach(globals::add);
        ArrayNode warnings = root.putArray("warnings");
        r.warnings().forEach(w -> {
            ObjectNode n = warnings.addObject();
            n.put("rule", w.rule());
            n.put("message", w.message());
            n.put("line", w.location().startLine());
        });
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan cannot be written as JSON", e);
        }
    }

    private static ObjectNode stage(StagePlan s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("index", s.index());
        n.put("name", s.displayName());
        n.put("line", s.location().startLine());
        ObjectNode base = n.putObject("base");
        base.put("kind", s.base().kind().name().toLowerCase(java.util.Locale.ROOT));
        base.put("name", s.base().name());
        base.put("configKnown", s.base().configKnown());
        n.put("platform", s.platform().format());
        ArrayNode deps = n.putArray("dependsOn");
        FrontendResult.allDependencies(s).forEach(deps::add);
        ArrayNode images = n.putArray("images");
        s.images().forEach(images::add);
        ArrayNode steps = n.putArray("steps");
        for (PlannedStep step : s.steps()) {
            ObjectNode st = steps.addObject();
            st.put("instruction", step.keyword());
            st.put("text", step.text());
            SourceRange loc = step.location();
            st.put("line", loc.startLine());
            st.put("endLine", loc.endLine());
            st.put("onBuild", step.onBuild());
            if (step.vertex() != null) {
                st.put("vertex", step.vertex().digest());
            }
        }
        if (s.result() != null) {
            n.put("result", s.result().digest());
        }
        n.set("config", MAPPER.valueToTree(s.image()));
        return n;
    }
}
