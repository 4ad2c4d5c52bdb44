package dev.stagecraft.frontend;

import static dev.stagecraft.frontend.Fixtures.AMD64;
import static dev.stagecraft.frontend.Fixtures.ARM64;
import static dev.stagecraft.frontend.Fixtures.DEFAULT_PATH;
import static dev.stagecraft.frontend.Fixtures.convert;
import static dev.stagecraft.frontend.Fixtures.lastRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.graph.ExecOp;
import dev.stagecraft.graph.ImageSourceOp;
import dev.stagecraft.reference.Platform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The automatic platform args and TARGETSTAGE (reference §4.2, §5.1). */
class PlatformArgsTest {
    private static final String ALL_PLATFORM_ARGS = """
            ARG BUILDPLATFORM BUILDOS BUILDARCH BUILDVARIANT
            ARG TARGETPLATFORM TARGETOS TARGETARCH TARGETVARIANT
            RUN env
            """;

    private static FrontendOptions crossToArm() {
        return Fixtures.options().withTargetPlatform(new Platform("linux", "arm", "v7", ""));
    }

    @Test
    void stageSeesPlatformArgsAfterDeclaringThem() {
        ExecOp run = lastRun(convert("FROM alpine:3.19\n" + ALL_PLATFORM_ARGS, crossToArm()));
        assertThat(run.env()).containsExactly(DEFAULT_PATH, "BUILDPLATFORM=linux/amd64", "BUILDOS=linux",
                "BUILDARCH=amd64", "BUILDVARIANT=", "TARGETPLATFORM=linux/arm/v7", "TARGETOS=linux",
                "TARGETARCH=arm", "TARGETVARIANT=v7");
    }

    @Test
    void platformArgsAreNotInTheEnvWithoutDeclaration() {
        ExecOp run = lastRun(convert("FROM alpine:3.19\nRUN echo $TARGETARCH\n", crossToArm()));
        assertThat(run.env()).containsExactly(DEFAULT_PATH);
    }

    @Test
    void implicitTargetIsTheBuildPlatform() {
        ExecOp run = lastRun(convert("FROM alpine:3.19\nARG TARGETPLATFORM TARGETARCH\nRUN x\n"));
        assertThat(run.env()).containsExactly(DEFAULT_PATH, "TARGETPLATFORM=linux/amd64", "TARGETARCH=amd64");
        assertThat(run.platform()).isEqualTo("linux/amd64");
    }

    @Test
    void fromPlatformUsesGlobalPlatformArgs() {
        FrontendResult r = convert("""
                FROM --platform=$BUILDPLATFORM alpine:3.19 AS build
                ARG TARGETARCH
                RUN echo $TARGETARCH
                FROM alpine:3.19
                COPY --from=build /out /out
                """, Fixtures.options().withTargetPlatform(ARM64));
        StagePlan build = Fixtures.stage(r, "build");
        assertThat(build.platform()).isEqualTo(AMD64);
        ExecOp run = Fixtures.run(build, 0);
        assertThat(run.platform()).isEqualTo("linux/amd64");
        assertThat(run.env()).containsExactly(DEFAULT_PATH, "TARGETARCH=arm64");
        ImageSourceOp finalBase = (ImageSourceOp) r.targetStage().steps().get(0).vertex().op();
        assertThat(finalBase.platform()).isEqualTo("linux/arm64");
    }

    @Test
    void fromNameCanUseTargetArgs() {
        FrontendResult r = convert("""
                FROM alpine:3.19 AS base-amd64
                FROM golang:1.22 AS base-arm64
                FROM base-${TARGETARCH}
                """, Fixtures.options().withTargetPlatform(ARM64));
        assertThat(r.targetStage().base().name()).isEqualTo("base-arm64");
        assertThat(r.stages()).extracting(StagePlan::displayName).containsExactly("base-arm64", "stage-2");
    }

    @Test
    void buildArgOverridesAnAutomaticArgWithoutArgLine() {
        FrontendResult r = convert("FROM alpine:3.19\nARG TARGETARCH\nRUN x\n",
                Fixtures.withArgs(Map.of("TARGETARCH", "riscv64")));
        assertThat(lastRun(r).env()).containsExactly(DEFAULT_PATH, "TARGETARCH=riscv64");
    }

    @Test
    void targetStageIsDefaultForAnUnnamedLastStage() {
        assertThat(targetStage(convert("FROM alpine:3.19\nARG TARGETSTAGE\nRUN x\n"))).isEqualTo("default");
    }

    @Test
    void targetStageIsTheLastStageName() {
        // Stage names are lower-cased by the parser, so the default target's name is too.
        assertThat(targetStage(convert("FROM alpine:3.19 AS Final\nARG TARGETSTAGE\nRUN x\n"))).isEqualTo("final");
    }

    @Test
    void targetStageIsTheTargetAsTyped() {
        FrontendResult r = convert("""
                FROM alpine:3.19 AS build
                ARG TARGETSTAGE
                RUN x
                FROM alpine:3.19 AS release
                """, Fixtures.options().withTarget("BUILD"));
        assertThat(r.targetStage().displayName()).isEqualTo("build");
        assertThat(targetStage(r)).isEqualTo("BUILD");
    }

    @Test
    void targetStageSelectsABaseInFrom() {
        FrontendResult r = convert("""
                FROM alpine:3.19 AS common-dev
                FROM golang:1.22 AS common-prod
                FROM common-$TARGETSTAGE AS prod
                """);
        assertThat(r.targetStage().base().name()).isEqualTo("common-prod");
    }

    private static String targetStage(FrontendResult r) {
        List<String> env = lastRun(r).env();
        return env.stream().filter(e -> e.startsWith("TARGETSTAGE=")).map(e -> e.substring(12)).findFirst()
                .orElseThrow();
    }
}
