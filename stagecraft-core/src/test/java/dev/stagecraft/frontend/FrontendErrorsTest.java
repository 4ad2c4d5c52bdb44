package dev.stagecraft.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every frontend error of reference §6: exact message and line. */
class FrontendErrorsTest {
    private static DockerfileException error(String dockerfile, FrontendOptions options) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> DockerfileFrontend.convert(
                dockerfile.getBytes(StandardCharsets.UTF_8), options, TestImages.resolver()));
        assertThat(t).isInstanceOf(DockerfileException.class);
        return (DockerfileException) t;
    }

    private static DockerfileException error(String dockerfile) {
        return error(dockerfile, FrontendOptions.defaults());
    }

    private static void assertError(String dockerfile, String message, int line) {
        DockerfileException e = error(dockerfile);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.location()).map(SourceRange::startLine).contains(line);
    }

    @Test
    void emptyDockerfile() {
        DockerfileException e = error("");
        assertThat(e).hasMessage("the Dockerfile cannot be empty");
        assertThat(e.locations()).isEmpty();
    }

    @Test
    void onlyComments() {
        assertThat(error("# nothing\n\n# here\n")).hasMessage("file with no instructions");
    }

    @Test
    void onlyArgs() {
        assertThat(error("ARG A=1\nARG B\n")).hasMessage("dockerfile contains no stages to build");
    }

    @Test
    void instructionBeforeFrom() {
        assertError("ARG A\nRUN echo\nFROM alpine:3.19\n",
                "no build stage in current context", 2);
    }

    @Test
    void unknownTargetWithSuggestion() {
        DockerfileException e = error("FROM alpine:3.19 AS build\nFROM alpine:3.19 AS release\n",
                FrontendOptions.defaults().withTarget("bulid"));
        assertThat(e).hasMessage("target stage \"bulid\" could not be found (did you mean build?)");
        assertThat(error("FROM alpine:3.19 AS build\n", FrontendOptions.defaults().withTarget("zzzzzzzz")))
                .hasMessage("target stage \"zzzzzzzz\" could not be found");
    }

    @Test
    void copyFromStageDefinedLater() {
        assertError("""
                FROM alpine:3.19 AS first
                COPY --from=second /x /x
                FROM alpine:3.19 AS second
                FROM first
                """, "cannot copy from stage \"second\", it needs to be defined before current stage \"first\"", 2);
    }

    @Test
    void forwardReferenceInASkippedStageIsNoError() {
        FrontendResult r = DockerfileFrontend.convert("""
                FROM alpine:3.19 AS first
                COPY --from=second /x /x
                FROM alpine:3.19 AS second
                """.getBytes(StandardCharsets.UTF_8), FrontendOptions.defaults().withTarget("second"),
                TestImages.resolver());
        assertThat(r.skipped()).extracting(SkippedStage::displayName).containsExactly("first");
    }

    @Test
    void badStageIndex() {
        assertError("FROM alpine:3.19\nFROM alpine:3.19\nCOPY --from=7 /x /x\n", "invalid stage index 7", 3);
        assertError("FROM alpine:3.19\nFROM alpine:3.19\nCOPY --from=-1 /x /x\n", "invalid stage index -1", 3);
    }

    @Test
    void stageIndexLeadingZeroIsAnIndex() {
        FrontendResult r = DockerfileFrontend.convert("FROM alpine:3.19\nRUN x\nFROM alpine:3.19\nCOPY --from=00 /x /x\n"
                .getBytes(StandardCharsets.UTF_8), FrontendOptions.defaults(), TestImages.resolver());
        assertThat(r.stages().get(1).dependencies()).containsExactly(0);
    }

    @Test
    void variableInCopyFrom() {
        assertError("ARG SRC=build\nFROM alpine:3.19\nCOPY --from=${SRC} /x /x\n",
                "variable expansion is not supported for --from, define a new stage with FROM using ARG from global "
                        + "scope as a workaround", 3);
    }

    @Test
    void variableInMountFrom() {
        assertError("FROM alpine:3.19\nRUN --mount=from=$SRC,target=/src make\n",
                "dockerfile parse error on line 2: 'from' doesn't support variable expansion, define alias stage "
                        + "instead", 2);
    }

    @Test
    void circularDependencyNamesTheStageAndTheCommands() {
        DockerfileException e = error("""
                FROM alpine:3.19 AS stage0
                COPY --from=stage1 /a /a
                FROM alpine:3.19 AS stage1
                COPY --from=stage0 /b /b
                """);
        assertThat(e).hasMessage("circular dependency detected on stage: stage0");
        assertThat(e.locations()).extracting(SourceRange::startLine).containsExactly(2, 4);
    }

    @Test
    void blankBaseName() {
        assertError("ARG IMG\nFROM ${IMG}\n", "base name (${IMG}) should not be blank", 2);
    }

    @Test
    void emptyPlatformWithSuggestion() {
        assertError("FROM --platform=$TARGETPLATFROM alpine:3.19\n",
                "empty platform value from expression $TARGETPLATFROM (did you mean TARGETPLATFORM?)", 1);
    }

    @Test
    void badPlatform() {
        DockerfileException e = error("FROM --platform=linux/nope/x/y alpine:3.19\n");
        assertThat(e.getMessage()).startsWith("failed to parse platform linux/nope/x/y: ");
        assertThat(e.location()).map(SourceRange::startLine).contains(1);
    }

    @Test
    void invalidReferenceEvenInASkippedStage() {
        assertError("FROM Ubuntu AS x\nFROM alpine:3.19\n",
                "failed to parse stage name \"Ubuntu\": invalid reference format: repository name (library/Ubuntu) "
                        + "must be lowercase", 1);
    }

    @Test
    void imageNotFoundSuggestsAStage() {
        assertError("FROM alpine:3.19 AS builder\nFROM alpine:3.19\nCOPY --from=buidler /x /x\n",
                "buidler: docker.io/library/buidler:latest: not found (did you mean builder?)", 3);
    }

    @Test
    void upperCaseStageReferenceInFromIsAnImage() {
        assertError("FROM alpine:3.19 AS build\nFROM Build\n",
                "failed to parse stage name \"Build\": invalid reference format: repository name (library/Build) "
                        + "must be lowercase", 2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "COPY --chmod=abc x /x|invalid chmod parameter: 'abc'. it should be octal string and between 0 and 07777",
        "STOPSIGNAL FOO|invalid signal: FOO",
        "EXPOSE 9-1|invalid containerPort: 9-1",
        "RUN --mount=type=cache,target=/ true|invalid mount target \"/\"",
        "ENV A=${X:?}|failed to process \"${X:?}\": X: is not allowed to be unset",
        "COPY https://example.com/a.tgz /a|source can't be a URL for COPY",
        "ADD --checksum=sha256:abc a b /c|checksum can't be specified for multiple sources",
        "ADD --checksum=sha256:abc a /c|checksum requires HTTP(S) or Git sources",
    })
    void dispatchErrorsCarryTheInstructionLine(String instruction, String message) {
        assertError("FROM alpine:3.19\n\n" + instruction + "\n", message, 3);
    }

    @Test
    void emptyVolumeIsRejectedWhileParsing() {
        assertError("FROM alpine:3.19 AS skipped\nVOLUME [\"\"]\nFROM alpine:3.19\n",
                "dockerfile parse error on line 2: VOLUME specified can not be an empty string", 2);
    }

    @Test
    void exponentiallyGrowingVariableIsRefused() {
        // 1000 characters quadrupled: line 7 holds 1,024,000; line 8 would hold 4,096,000.
        assertError("FROM scratch\nENV A=" + "a".repeat(1000) + "\n" + "ENV A=$A$A$A$A\n".repeat(9),
                "failed to process \"$A$A$A$A\": expanded word is longer than 1048576 characters", 8);
        assertError("ARG A=" + "a".repeat(1000) + "\n" + "ARG A=$A$A$A$A\n".repeat(9) + "FROM scratch\n",
                "failed to process \"$A$A$A$A\": expanded word is longer than 1048576 characters", 7);
    }

    @Test
    void runDeviceIsRefusedOnlyInAStageThatRuns() {
        assertError("FROM alpine:3.19\nRUN --device=nvidia.com/gpu=all nvidia-smi\n",
                "device feature is only supported in Dockerfile frontend 1.14.0-labs or later", 2);
        FrontendResult r = DockerfileFrontend.convert(
                "FROM alpine:3.19 AS gpu\nRUN --device=nvidia.com/gpu=all x\nFROM alpine:3.19\n"
                        .getBytes(StandardCharsets.UTF_8), FrontendOptions.defaults(), TestImages.resolver());
        assertThat(r.skipped()).extracting(SkippedStage::displayName).containsExactly("gpu");
    }

    @Test
    void mountFromStageDefinedLater() {
        assertError("""
                FROM alpine:3.19 AS a
                RUN --mount=from=b,target=/b true
                FROM alpine:3.19 AS b
                FROM a
                """, "cannot mount from stage \"b\" to \"/b\", stage needs to be defined before current command", 2);
    }

    @Test
    void onbuildTriggerMustBeOneInstruction() {
        StaticImageResolver resolver = TestImages.resolver().add("bad/onbuild:1", "sha256:" + "e".repeat(64),
                TestImages.image(java.util.List.of(), null, null, java.util.List.of("RUN a\nRUN b")));
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> DockerfileFrontend.convert(
                "\nFROM bad/onbuild:1\n".getBytes(StandardCharsets.UTF_8), FrontendOptions.defaults(), resolver));
        assertThat(t).isInstanceOf(DockerfileException.class).hasMessage("onbuild trigger should be a single expression");
        assertThat(((DockerfileException) t).location()).map(SourceRange::startLine).contains(2);
    }

    @Test
    void buildArgForUnknownNameIsInvisible() {
        FrontendResult r = DockerfileFrontend.convert("FROM alpine:3.19\nRUN echo ${NOPE:-unset}\n"
                .getBytes(StandardCharsets.UTF_8), FrontendOptions.defaults().withBuildArgs(Map.of("NOPE", "x")),
                TestImages.resolver());
        assertThat(((dev.stagecraft.graph.ExecOp) r.stages().get(0).result().op()).env())
                .noneMatch(e -> e.startsWith("NOPE="));
    }

    @Test
    void unknownCopyFromImageIsAResolveErrorAtTheCopyLine() {
        DockerfileException e = error("FROM alpine:3.19\nCOPY --from=nope:1 /a /a\n");
        assertThat(e).isExactlyInstanceOf(DockerfileException.class)
                .hasMessage("nope:1: docker.io/library/nope:1: not found");
        assertThat(e.location()).map(SourceRange::startLine).contains(2);
    }
}
