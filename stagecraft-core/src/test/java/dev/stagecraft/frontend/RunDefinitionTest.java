package dev.stagecraft.frontend;

import static dev.stagecraft.frontend.Fixtures.AMD64;
import static dev.stagecraft.frontend.Fixtures.ARM64;
import static dev.stagecraft.frontend.Fixtures.DEFAULT_PATH;
import static dev.stagecraft.frontend.Fixtures.config;
import static dev.stagecraft.frontend.Fixtures.convert;
import static dev.stagecraft.frontend.Fixtures.lastRun;
import static dev.stagecraft.frontend.Fixtures.withArgs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.graph.ExecOp;
import dev.stagecraft.graph.ImageSourceOp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RUN, CMD and ENTRYPOINT corner cases and what their definitions depend on: empty commands
 * (§3.2), platform build-arg overrides (§5.1) and definition digests (§8).
 */
class RunDefinitionTest {

    private static String runDigest(String run) {
        List<PlannedStep> runs = Fixtures.steps(convert("FROM alpine:3.19\n" + run + "\n").targetStage(), "RUN");
        return runs.get(0).vertex().digest();
    }

    private static String fromDigest(String from) {
        return convert(from + "\nRUN true\n").targetStage().steps().get(0).vertex().digest();
    }

    @Test
    void emptyRunCmdAndEntrypointUseAnEmptyShellCommand() {
        assertThat(lastRun(convert("FROM alpine:3.19\nRUN\n")).args()).containsExactly("/bin/sh", "-c", "");
        assertThat(config(convert("FROM alpine:3.19\nCMD\n")).cmd()).containsExactly("/bin/sh", "-c", "");
        assertThat(config(convert("FROM alpine:3.19\nENTRYPOINT\n")).entrypoint())
                .containsExactly("/bin/sh", "-c", "");
    }

    @Test
    void emptyRunUsesTheStageShell() {
        assertThat(lastRun(convert("FROM alpine:3.19\nSHELL [\"/bin/bash\", \"-ec\"]\nRUN\n")).args())
                .containsExactly("/bin/bash", "-ec", "");
    }

    @Test
    void buildArgsOverrideTheAutomaticPlatformsInFromAndInStageArgs() {
        FrontendResult r = convert("""
                FROM --platform=$BUILDPLATFORM alpine:3.19 AS build
                ARG BUILDPLATFORM
                ARG TARGETPLATFORM
                RUN echo $TARGETPLATFORM
                FROM alpine:3.19
                COPY --from=build /out /out
                """, withArgs(Map.of("BUILDPLATFORM", "linux/arm64", "TARGETPLATFORM", "linux/s390x")));
        StagePlan build = Fixtures.stage(r, "build");
        assertThat(build.platform()).isEqualTo(ARM64);
        ExecOp run = Fixtures.run(build, 0);
        assertThat(run.platform()).isEqualTo("linux/arm64");
        assertThat(run.env()).containsExactly(DEFAULT_PATH, "BUILDPLATFORM=linux/arm64",
                "TARGETPLATFORM=linux/s390x");
        // Only the ARG values change: the stage without --platform still builds for the real target.
        assertThat(r.targetStage().platform()).isEqualTo(AMD64);
        assertThat(((ImageSourceOp) r.targetStage().steps().get(0).vertex().op()).platform())
                .isEqualTo("linux/amd64");
    }

    @Test
    void targetPlatformBuildArgReachesFromPlatform() {
        FrontendResult r = convert("FROM --platform=$TARGETPLATFORM alpine:3.19\nRUN true\n",
                withArgs(Map.of("TARGETPLATFORM", "linux/arm64")));
        assertThat(r.targetStage().platform()).isEqualTo(ARM64);
        assertThat(lastRun(r).platform()).isEqualTo("linux/arm64");
    }

    @Test
    void networkAndSecurityChangeTheRunDefinition() {
        String plain = runDigest("RUN make");
        assertThat(runDigest("RUN --network=none make")).isNotEqualTo(plain);
        assertThat(runDigest("RUN --network=host make")).isNotEqualTo(plain)
                .isNotEqualTo(runDigest("RUN --network=none make"));
        assertThat(runDigest("RUN --security=insecure make")).isNotEqualTo(plain);
        // The defaults written out are the defaults.
        assertThat(runDigest("RUN --network=default --security=sandbox make")).isEqualTo(plain);
    }

    @Test
    void fromPlatformChangesTheImageDefinition() {
        String plain = fromDigest("FROM alpine:3.19");
        assertThat(fromDigest("FROM --platform=linux/arm64 alpine:3.19")).isNotEqualTo(plain);
        assertThat(fromDigest("FROM --platform=linux/amd64 alpine:3.19")).isEqualTo(plain);
    }

    @Test
    void cacheMountIdAndSharingChangeTheDefinition() {
        // The definition carries id and sharing. BuildKit's solver later drops a non-default id and the
        // sharing mode from the cache *key* (reference §8); that is a cache-key concern, not pinned here.
        String plain = runDigest("RUN --mount=type=cache,target=/root/.cache make");
        assertThat(runDigest("RUN --mount=type=cache,target=/root/.cache,id=other make")).isNotEqualTo(plain);
        assertThat(runDigest("RUN --mount=type=cache,target=/root/.cache,sharing=locked make")).isNotEqualTo(plain);
        assertThat(runDigest("RUN --mount=type=cache,target=/root/.cache,id=/root/.cache make")).isEqualTo(plain);
    }
}
