package dev.stagecraft.frontend;

import static dev.stagecraft.frontend.Fixtures.convert;
import static dev.stagecraft.frontend.Fixtures.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import dev.stagecraft.graph.ImageSourceOp;
import org.junit.jupiter.api.Test;

/**
 * How FROM, {@code COPY --from} and {@code --target} find stages (reference §4.1), and which
 * checks still run for stages the target does not need (§4.3).
 */
class StageResolutionTest {
    private static final String DUPLICATES = """
            FROM alpine:3.19 AS dup
            RUN echo one
            FROM dup AS early
            FROM golang:1.22 AS DUP
            RUN echo two
            FROM dup AS late
            FROM alpine:3.19
            COPY --from=dup /x /x
            """;

    private static DockerfileException error(String dockerfile) {
        Throwable t = catchThrowable(() -> convert(dockerfile));
        assertThat(t).isInstanceOf(DockerfileException.class);
        return (DockerfileException) t;
    }

    private static void assertError(String dockerfile, String message, int line) {
        DockerfileException e = error(dockerfile);
        assertThat(e).hasMessage(message);
        assertThat(e.location()).map(SourceRange::startLine).contains(line);
    }

    @Test
    void fromADuplicateNameTakesTheStageDefinedSoFar() {
        FrontendResult r = convert(DUPLICATES, options().withTarget("early"));
        assertThat(r.targetStage().base().kind()).isEqualTo(StageBase.Kind.STAGE);
        assertThat(r.targetStage().base().stageIndex()).isZero();
        FrontendResult late = convert(DUPLICATES, options().withTarget("late"));
        assertThat(late.targetStage().base().stageIndex()).isEqualTo(2);
    }

    @Test
    void copyFromAndTargetTakeTheLastDefinitionOfADuplicateName() {
        FrontendResult r = convert(DUPLICATES);
        assertThat(r.targetStage().dependencies()).containsExactly(2);
        assertThat(convert(DUPLICATES, options().withTarget("dup")).target()).isEqualTo(2);
        assertThat(convert(DUPLICATES, options().withTarget("Dup")).target()).isEqualTo(2);
    }

    @Test
    void aForwardOrSelfFromIsAnImage() {
        String forward = """
                FROM later AS first
                FROM alpine:3.19 AS later
                """;
        DockerfileException e = error(forward.replace("AS later", "AS later\nFROM first"));
        assertThat(e.getMessage()).contains("docker.io/library/later:latest");
        // Built for the target "first" alone: its base is the image "later", not the stage.
        Throwable t = catchThrowable(() -> convert(forward, options().withTarget("first")));
        assertThat(t).hasMessageContaining("docker.io/library/later:latest: not found");
        Throwable self = catchThrowable(() -> convert("FROM me AS me\n"));
        assertThat(self).hasMessageContaining("docker.io/library/me:latest: not found");
    }

    @Test
    void aForwardFromResolvesAsAnImageWhenThatImageExists() {
        FrontendResult r = convert("FROM golang:1.22 AS first\nFROM alpine:3.19 AS golang\n",
                options().withTarget("first"));
        assertThat(r.targetStage().base().kind()).isEqualTo(StageBase.Kind.IMAGE);
    }

    @Test
    void aStageNamedScratchShadowsALaterFromScratch() {
        FrontendResult r = convert("FROM alpine:3.19 AS scratch\nRUN echo hi\nFROM scratch\nRUN ls\n");
        assertThat(r.targetStage().base().kind()).isEqualTo(StageBase.Kind.STAGE);
        assertThat(r.targetStage().base().stageIndex()).isZero();
        assertThat(r.stages()).hasSize(2);
    }

    @Test
    void fromScratchBeforeAStageNamedScratchIsStillEmpty() {
        FrontendResult r = convert("FROM scratch AS first\nCOPY a /a\nFROM alpine:3.19 AS scratch\n",
                options().withTarget("first"));
        assertThat(r.targetStage().base().kind()).isEqualTo(StageBase.Kind.SCRATCH);
    }

    @Test
    void upperCaseScratchIsAnInvalidReference() {
        assertError("FROM SCRATCH\n", "failed to parse stage name \"SCRATCH\": invalid reference format: "
                + "repository name (library/SCRATCH) must be lowercase", 1);
    }

    @Test
    void aCycleBetweenSkippedStagesIsStillAnError() {
        DockerfileException e = error("""
                FROM alpine:3.19 AS a
                COPY --from=b /x /x
                FROM alpine:3.19 AS b
                COPY --from=a /y /y
                FROM alpine:3.19
                RUN true
                """);
        assertThat(e).hasMessage("circular dependency detected on stage: a");
        assertThat(e.locations()).extracting(SourceRange::startLine).containsExactly(2, 4);
    }

    @Test
    void aBadPlatformInASkippedStageIsStillAnError() {
        DockerfileException e = error("FROM --platform=linux/nope/x/y alpine:3.19 AS unused\nFROM alpine:3.19\n");
        assertThat(e.getMessage()).startsWith("failed to parse platform linux/nope/x/y: ");
        assertThat(e.location()).map(SourceRange::startLine).contains(1);
    }

    @Test
    void anEmptyPlatformInASkippedStageIsStillAnError() {
        assertError("ARG P\nFROM --platform=$P alpine:3.19 AS unused\nFROM alpine:3.19\n",
                "empty platform value from expression $P", 2);
    }

    @Test
    void aVariableInCopyFromOfASkippedStageIsStillAnError() {
        assertError("FROM alpine:3.19 AS unused\nARG X=a\nCOPY --from=$X /x /x\nFROM alpine:3.19\n",
                "variable expansion is not supported for --from, define a new stage with FROM using ARG from "
                        + "global scope as a workaround", 3);
    }

    @Test
    void aBadStageIndexInASkippedStageIsStillAnError() {
        assertError("FROM alpine:3.19 AS unused\nCOPY --from=5 /x /x\nFROM alpine:3.19\n", "invalid stage index 5", 2);
    }

    @Test
    void aBlankFromInASkippedStageIsStillAnError() {
        assertError("ARG IMG\nFROM $IMG AS unused\nFROM alpine:3.19\n", "base name ($IMG) should not be blank", 2);
    }

    @Test
    void anInvalidReferenceInASkippedStageNeedsNoLookup() {
        // The skipped stage names an image the resolver does not know: only the reference is parsed.
        FrontendResult r = convert("FROM example/unknown:1 AS unused\nFROM alpine:3.19\n");
        assertThat(r.skipped()).extracting(SkippedStage::index).containsExactly(0);
        assertThat(r.stages()).hasSize(1);
    }

    @Test
    void copyFromAnImageIsAnImageSource() {
        FrontendResult r = convert("FROM alpine:3.19\nCOPY --from=golang:1.22 /usr/local/go /go\n");
        assertThat(r.targetStage().images()).containsExactly("docker.io/library/golang:1.22@sha256:" + "b".repeat(64));
        var c = Fixtures.copies(r.targetStage().result()).get(0);
        assertThat(r.targetStage().result().inputs().get(c.input()).op()).isInstanceOf(ImageSourceOp.class);
    }
}
