package dev.stagecraft.frontend;

import static dev.stagecraft.frontend.Fixtures.config;
import static dev.stagecraft.frontend.Fixtures.convert;
import static dev.stagecraft.frontend.Fixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.dockerfile.SourceRange;
import dev.stagecraft.graph.ExecOp;
import dev.stagecraft.graph.FileAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ONBUILD triggers of base images and base stages (reference §4.4). */
class OnbuildTest {

    @Test
    void imageTriggersRunFirstAtTheFromLineAndCountInTheTotal() {
        FrontendResult r = convert("""
                # a comment
                FROM example/onbuild:1
                RUN echo own
                """);
        StagePlan s = r.targetStage();
        // The FROM vertex is named when the base is resolved, before its triggers are known, so
        // it shows the old total, as BuildKit's resolveBaseImage does.
        assertThat(s.steps()).extracting(PlannedStep::text).containsExactly(
                "[1/2] FROM docker.io/example/onbuild:1@" + TestImages.ONBUILD_DIGEST,
                "[2/4] ONBUILD COPY . /app/src",
                "[3/4] ONBUILD RUN make -C /app/src",
                "[4/4] RUN echo own");
        assertThat(s.steps()).extracting(PlannedStep::onBuild).containsExactly(false, true, true, false);
        assertThat(s.steps()).extracting(p -> p.location().startLine()).containsExactly(2, 2, 2, 3);
        // The triggers are consumed: the result does not pass them on.
        assertThat(config(r).onBuild()).isNull();
        ExecOp make = Fixtures.run(s, 0);
        assertThat(make.cwd()).isEqualTo("/app");
        // COPY . reads the whole context, which FrontendResult reports as "/".
        assertThat(r.contextPaths()).containsExactly("/");
    }

    @Test
    void stageTriggersRunInTheChildOnly() {
        FrontendResult r = convert("""
                FROM alpine:3.19 AS base
                ONBUILD RUN echo trig
                ONBUILD ENV T=1
                FROM base AS child
                RUN echo child
                FROM child AS grand
                RUN echo grand
                """);
        assertThat(config(r).env()).contains("T=1");
        StagePlan base = stage(r, "base");
        assertThat(base.image().config().onBuild()).containsExactly("RUN echo trig", "ENV T=1");
        assertThat(Fixtures.steps(base, "RUN")).isEmpty();

        StagePlan child = stage(r, "child");
        assertThat(child.steps()).extracting(PlannedStep::text).containsExactly(
                "[child 1/3] ONBUILD RUN echo trig", "ENV T=1", "[child 2/3] RUN echo child");
        assertThat(child.steps()).extracting(PlannedStep::onBuild).containsExactly(true, true, false);
        assertThat(child.steps().get(0).location().startLine()).isEqualTo(4);
        assertThat(child.image().config().onBuild()).isNull();

        StagePlan grand = stage(r, "grand");
        assertThat(grand.steps()).extracting(PlannedStep::text).containsExactly("[grand 1/1] RUN echo grand");
    }

    @Test
    void childOwnOnbuildLinesAreInItsConfigAndRunInTheGrandchild() {
        FrontendResult r = convert("""
                FROM alpine:3.19 AS base
                ONBUILD RUN echo one
                FROM base AS child
                ONBUILD RUN echo two
                FROM child AS grand
                """);
        assertThat(stage(r, "child").image().config().onBuild()).containsExactly("RUN echo two");
        StagePlan grand = stage(r, "grand");
        assertThat(Fixtures.steps(grand, "RUN")).extracting(PlannedStep::text)
                .containsExactly("[grand 1/1] ONBUILD RUN echo two");
        assertThat(grand.image().config().onBuild()).isNull();
    }

    @Test
    void imageTriggersAreNotInheritedByGrandchildren() {
        FrontendResult r = convert("""
                FROM example/onbuild:1 AS app
                FROM app
                RUN echo last
                """);
        StagePlan last = r.targetStage();
        assertThat(last.steps()).extracting(PlannedStep::text).containsExactly("[stage-1 1/1] RUN echo last");
        assertThat(stage(r, "app").steps()).filteredOn(PlannedStep::onBuild).hasSize(2);
    }

    @Test
    void triggerWithCopyFromMakesAStageReachable() {
        FrontendResult r = convert("""
                FROM alpine:3.19 AS assets
                RUN mkdir /a
                FROM alpine:3.19 AS unused
                FROM example/onbuild-from:1
                RUN ls /a
                """);
        assertThat(r.stages()).extracting(StagePlan::displayName).containsExactly("assets", "stage-2");
        assertThat(r.skipped()).extracting(SkippedStage::displayName).containsExactly("unused");
        StagePlan last = r.targetStage();
        assertThat(last.dependencies()).containsExactly(0);
        PlannedStep copy = last.steps().get(1);
        assertThat(copy.text()).isEqualTo("[stage-2 2/3] ONBUILD COPY --from=assets /a /a");
        assertThat(copy.location()).isEqualTo(last.location());
        FileAction.Copy action = Fixtures.copies(copy.vertex()).get(0);
        assertThat(copy.vertex().inputs().get(action.input())).isSameAs(stage(r, "assets").result());
        assertThat(r.waves()).hasSize(2);
    }

    @Test
    void triggerOfAStageBaseMayCopyFromAnEarlierStage() {
        FrontendResult r = convert("""
                FROM alpine:3.19 AS files
                RUN touch /f
                FROM alpine:3.19 AS base
                ONBUILD COPY --from=files /f /f
                FROM alpine:3.19 AS other
                FROM base
                """);
        assertThat(r.stages()).extracting(StagePlan::displayName).containsExactly("files", "base", "stage-3");
        assertThat(r.targetStage().dependencies()).containsExactly(0);
        assertThat(r.targetStage().steps()).extracting(PlannedStep::text)
                .containsExactly("[stage-3 1/1] ONBUILD COPY --from=files /f /f");
    }

    @Test
    void triggersExpandWithTheChildsVariables() {
        FrontendResult r = convert("""
                FROM alpine:3.19 AS base
                ONBUILD RUN echo $V
                ONBUILD WORKDIR /w/$V
                FROM base
                ARG V=x
                """);
        List<PlannedStep> steps = r.targetStage().steps();
        // Triggers run before the child's own ARG, so V is not set yet (a RUN name keeps the
        // unset variable; a WORKDIR name expands it to nothing).
        assertThat(steps).extracting(PlannedStep::text).containsExactly("[stage-1 1/2] ONBUILD RUN echo $V",
                "[stage-1 2/2] ONBUILD WORKDIR /w/", "ARG V=x");
        assertThat(config(r).workingDir()).isEqualTo("/w");
        SourceRange at = r.targetStage().location();
        assertThat(steps.get(0).location()).isEqualTo(at);
    }
}
