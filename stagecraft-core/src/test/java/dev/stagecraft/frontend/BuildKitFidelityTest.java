package dev.stagecraft.frontend;

import static dev.stagecraft.frontend.Fixtures.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import dev.stagecraft.graph.ExecOp;
import dev.stagecraft.graph.FileAction;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.graph.ImageSourceOp;
import dev.stagecraft.image.History;
import dev.stagecraft.image.ImageConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviours a review against BuildKit's frontend found wrong once; each pinned to BuildKit. */
class BuildKitFidelityTest {
    private static DockerfileException error(String dockerfile, FrontendOptions options) {
        Throwable t = catchThrowable(() -> convert(dockerfile, options));
        assertThat(t).isInstanceOf(DockerfileException.class);
        return (DockerfileException) t;
    }

    @Test
    void theDefaultBuildPlatformIsLinuxWhateverTheHost() {
        // BuildKit's workers run Linux containers; its build platform is the worker's (§5.1).
        assertThat(FrontendOptions.defaultBuildPlatform().os()).isEqualTo("linux");
        assertThat(FrontendOptions.defaults().buildPlatform().os()).isEqualTo("linux");
        assertThat(new FrontendOptions(null, Map.of(), null, null).buildPlatform().os()).isEqualTo("linux");
    }

    @Test
    void aBareArchitectureInFromPlatformTakesTheBuildPlatformsOs() {
        StagePlan s = convert("FROM --platform=arm64 alpine:3.19\nRUN true\n").targetStage();
        assertThat(s.platform().format()).isEqualTo("linux/arm64");
    }

    /**
     * An image named by {@code --from} in a skipped stage, and needed again by an ONBUILD trigger
     * of a stage that runs: BuildKit makes a state per command, so the trigger's copy is resolved.
     */
    @Test
    void anImageFirstNamedInASkippedStageIsResolvedWhenATriggerNeedsIt() {
        FrontendResult r = convert("""
                FROM alpine:3.19 AS unused
                COPY --from=nginx:latest /etc/nginx /x
                FROM alpine:3.19 AS base
                ONBUILD COPY --from=nginx:latest /etc/nginx /nginx
                FROM base AS final
                RUN ls /nginx
                """);
        StagePlan last = r.targetStage();
        FileOp copy = (FileOp) last.steps().get(0).vertex().op();
        FileAction.Copy action = (FileAction.Copy) copy.actions().get(0);
        assertThat(action.input()).isNotNegative();
        assertThat(last.steps().get(0).vertex().inputs().get(action.input()).op()).isEqualTo(new ImageSourceOp(
                "docker.io/library/nginx:latest@" + TestImages.NGINX_DIGEST, "linux/amd64"));
        assertThat(last.images()).containsExactly("docker.io/library/nginx:latest@" + TestImages.NGINX_DIGEST);
    }

    @Test
    void sourceDateEpochTimesTheHistoryAndTheFilesABuildWrites() {
        FrontendResult r = convert("FROM alpine:3.19\nWORKDIR /app\nCOPY a /app/a\nENV X=1\n",
                Fixtures.withArgs(Map.of("SOURCE_DATE_EPOCH", "1700000000")));
        ImageConfig image = r.targetStage().image();
        List<History> own = image.history().subList(1, image.history().size());
        assertThat(own).extracting(History::created).containsOnly("2023-11-14T22:13:20Z");
        // The base image's own history keeps its time (the exporter clamps it, not the frontend).
        assertThat(image.history().get(0).created()).isEqualTo("2024-01-01T00:00:00Z");
        StagePlan s = r.targetStage();
        assertThat(((FileOp) s.steps().get(1).vertex().op()).createdTime()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(((FileOp) s.steps().get(2).vertex().op()).createdTime()).isEqualTo("2023-11-14T22:13:20Z");
    }

    @Test
    void sourceDateEpochFromAGlobalArgAndItsForms() {
        FrontendResult r = convert("ARG SOURCE_DATE_EPOCH=0\nFROM alpine:3.19\nENV A=1\n");
        assertThat(r.targetStage().image().history().get(1).created()).isEqualTo("1970-01-01T00:00:00Z");
        // Without it, history times are left to the exporter and files keep theirs.
        FrontendResult none = convert("FROM alpine:3.19\nWORKDIR /w\n");
        assertThat(none.targetStage().image().history().get(1).created()).isNull();
        assertThat(((FileOp) none.targetStage().result().op()).createdTime()).isNull();
        // "context" or a stage name is read from source metadata by a build: no time in a plan.
        FrontendResult deferred = convert("FROM alpine:3.19\nENV A=1\n",
                Fixtures.withArgs(Map.of("SOURCE_DATE_EPOCH", "context")));
        assertThat(deferred.targetStage().image().history().get(1).created()).isNull();
        assertThat(deferred.warnings()).extracting(w -> w.rule()).contains("SourceDateEpochFromSource");
        assertThat(error("FROM alpine:3.19\n", Fixtures.withArgs(Map.of("SOURCE_DATE_EPOCH", "yesterday"))))
                .hasMessage("invalid SOURCE_DATE_EPOCH: yesterday");
    }

    @Test
    void sshMountRefusesASource() {
        DockerfileException e = error("FROM alpine:3.19\nRUN --mount=type=ssh,source=x true\n", Fixtures.options());
        assertThat(e).hasMessage("ssh does not support source");
        assertThat(e.location()).map(SourceRange::startLine).contains(2);
    }

    @Test
    void secretEnvValuesAreMaskedInProgressNames() {
        FrontendResult r = convert("FROM alpine:3.19\nARG TOKEN=hunter2\n"
                + "RUN --mount=type=secret,id=t,env=TOKEN echo $TOKEN\n");
        PlannedStep run = Fixtures.steps(r.targetStage(), "RUN").get(0);
        assertThat(run.text()).isEqualTo("[2/2] RUN --mount=type=secret,id=t,env=TOKEN echo ****");
        // The process still gets the real environment.
        assertThat(((ExecOp) run.vertex().op()).env()).contains("TOKEN=hunter2");
    }

    @Test
    void triggerErrorsCarryNoParseErrorPrefix() {
        StaticImageResolver resolver = TestImages.resolver().add("bad/trigger:1", "sha256:" + "7".repeat(64),
                TestImages.image(List.of(), null, null, List.of("RUNX foo")));
        Throwable t = catchThrowable(() -> DockerfileFrontend.convert("\nFROM bad/trigger:1\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), Fixtures.options(), resolver));
        assertThat(t).isInstanceOf(DockerfileException.class)
                .hasMessage("unknown instruction: RUNX (did you mean RUN?)");
        assertThat(((DockerfileException) t).location()).map(SourceRange::startLine).contains(2);
    }

    @Test
    void mountFromALaterStageQuotesTheTargetAsWritten() {
        DockerfileException e = error("""
                FROM alpine:3.19 AS a
                WORKDIR /w
                RUN --mount=from=b,target=m true
                FROM alpine:3.19 AS b
                FROM a
                """, Fixtures.options());
        assertThat(e).hasMessage("cannot mount from stage \"b\" to \"m\", stage needs to be defined before current command");
    }
}
