package dev.stagecraft.api;

import dev.stagecraft.frontend.FrontendResult;
import dev.stagecraft.frontend.PlannedStep;
import dev.stagecraft.frontend.StageBase;
import dev.stagecraft.frontend.StagePlan;
import java.util.HashMap;
import java.util.Map;

/**
 * What declared each variable a step sees, for explaining a changed value: {@code build arg} for
 * an ARG of the step's stage, {@code env} for an ENV of the stage or of a stage it is built on.
 * A variable neither declares (the base image's environment) is unknown.
 */
final class StepVariables {
    private static final String ARG = "build arg";
    private static final String ENV = "env";
    private final Map<String, Map<String, String>> byStep = new HashMap<>();

    StepVariables(FrontendResult plan) {
        Map<Integer, Map<String, String>> envOfStage = new HashMap<>();
        for (StagePlan stage : plan.stages()) {
            Map<String, String> kinds = new HashMap<>();
            if (stage.base().kind() == StageBase.Kind.STAGE) {
                kinds.putAll(envOfStage.getOrDefault(stage.base().stageIndex(), Map.of()));
            }
            for (PlannedStep step : stage.steps()) {
                if (step.keyword().equals("ARG") || step.keyword().equals("ENV")) {
                    declare(kinds, step.text().substring(3), step.keyword().equals("ARG") ? ARG : ENV);
                } else if (step.vertex() != null) {
                    byStep.putIfAbsent(step.text(), Map.copyOf(kinds));
                }
            }
            Map<String, String> env = new HashMap<>();
            kinds.forEach((k, v) -> {
                if (v.equals(ENV)) {
                    env.put(k, v);
                }
            });
            envOfStage.put(stage.index(), env);
        }
    }

    /** {@code build arg}, {@code env}, or null when the step's stage does not declare {@code variable}. */
    String kind(String stepName, String variable) {
        return byStep.getOrDefault(stepName, Map.of()).get(variable);
    }

    /** Names from {@code K=V K2 K3=V} (an ENV value with spaces leaves words without {@code =}, skipped for ENV). */
    private static void declare(Map<String, String> kinds, String declarations, String kind) {
        for (String word : declarations.trim().split("\\s+")) {
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            if (name.matches("[A-Za-z_][A-Za-z0-9_]*") && (eq >= 0 || kind.equals(ARG))) {
                kinds.put(name, kind);
            }
        }
    }
}
