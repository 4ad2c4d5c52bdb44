package dev.stagecraft.frontend;

import static dev.stagecraft.frontend.Fixtures.convert;
import static dev.stagecraft.frontend.Fixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step names as BuildKit's progress shows them (reference §4.2, §7.4). */
class ProgressNamesTest {
    private static final String ALPINE = "docker.io/library/alpine:3.19@" + TestImages.ALPINE_DIGEST;

    private static List<String> texts(StagePlan s) {
        return s.steps().stream().map(PlannedStep::text).toList();
    }

    @Test
    void multiStageNamesCarryTheStageName() {
        FrontendResult r = convert("""
                FROM golang:1.22 AS build
                WORKDIR /src
                COPY . .
                RUN go build
                FROM alpine:3.19
                COPY --from=build /a /a
                """);
        assertThat(texts(stage(r, "build"))).containsExactly(
                "[build 1/4] FROM docker.io/library/golang:1.22@" + TestImages.GOLANG_DIGEST,
                "[build 2/4] WORKDIR /src", "[build 3/4] COPY . .", "[build 4/4] RUN go build");
        assertThat(texts(stage(r, "stage-1"))).containsExactly("[stage-1 1/2] FROM " + ALPINE,
                "[stage-1 2/2] COPY --from=build /a /a");
    }

    @Test
    void singleStageHasNoStageName() {
        assertThat(texts(convert("FROM alpine:3.19 AS only\nRUN x\n").targetStage()))
                .containsExactly("[1/2] FROM " + ALPINE, "[2/2] RUN x");
    }

    @Test
    void anImageNamedByFromCountsAsAStateSoNamesStay() {
        FrontendResult r = convert("FROM alpine:3.19\nCOPY --from=nginx:latest /a /a\n");
        assertThat(texts(r.targetStage())).containsExactly("[stage-0 1/2] FROM " + ALPINE,
                "[stage-0 2/2] COPY --from=nginx:latest /a /a");
    }

    @Test
    void numbersArePaddedToTheWidthOfTheTotal() {
        StringBuilder df = new StringBuilder("FROM scratch\n");
        for (int i = 1; i <= 10; i++) {
            df.append("RUN r").append(i).append('\n');
        }
        List<String> texts = texts(convert(df.toString()).targetStage());
        assertThat(texts.get(0)).isEqualTo("[ 1/10] RUN r1");
        assertThat(texts.get(9)).isEqualTo("[10/10] RUN r10");
    }

    @Test
    void onlyFromImageRunCopyAddAndWorkdirAreCounted() {
        FrontendResult r = convert("""
                FROM scratch
                ENV A=1
                WORKDIR /
                WORKDIR /x
                LABEL a=b
                ADD f /f
                RUN y
                """);
        // WORKDIR / is counted in the total but shows no number, as in BuildKit.
        assertThat(texts(r.targetStage())).containsExactly("ENV A=1", "WORKDIR /", "[1/4] WORKDIR /x", "LABEL a=b",
                "[2/4] ADD f /f", "[3/4] RUN y");
    }

    @Test
    void stageBaseIsNotCounted() {
        FrontendResult r = convert("FROM alpine:3.19 AS a\nFROM a\nRUN x\n");
        assertThat(texts(r.targetStage())).containsExactly("[stage-1 1/1] RUN x");
    }

    @Test
    void namesShowSetVariablesExpandedAndKeepQuotes() {
        // RUN names keep quotes and unset variables (RawQuotes, SkipUnsetEnv) and single quotes
        // stop expansion; COPY/ADD/WORKDIR names use the plain lexer: unset variables are empty
        // (convert_copy.go and dispatchWorkdir call processCmdEnv with the dispatch lexer).
        FrontendResult r = convert("""
                FROM alpine:3.19
                ENV D=/data
                workdir $D
                COPY $D/x ${UNSET}/y
                run echo "$D" '$D'
                """);
        assertThat(texts(r.targetStage())).containsExactly("[1/4] FROM " + ALPINE, "ENV D=/data",
                "[2/4] WORKDIR /data", "[3/4] COPY /data/x /y", "[4/4] RUN echo \"/data\" '$D'");
    }

    @Test
    void everyStepOfEveryStageIsNamedOnce() {
        FrontendResult r = convert("""
                FROM alpine:3.19 AS a
                RUN one
                FROM a AS b
                RUN two
                COPY x /x
                """);
        List<String> all = new ArrayList<>();
        r.stages().forEach(s -> all.addAll(texts(s)));
        assertThat(all).containsExactly("[a 1/2] FROM " + ALPINE, "[a 2/2] RUN one", "[b 1/2] RUN two",
                "[b 2/2] COPY x /x");
    }
}
