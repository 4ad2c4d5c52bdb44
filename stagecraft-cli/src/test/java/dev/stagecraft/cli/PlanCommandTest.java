package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
    @TempDir
    Path context;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private void dockerfile(String name, String content) throws IOException {
        Files.writeString(context.resolve(name), content);
    }

    private static final String MULTI_STAGE = """
            ARG VARIANT=prod
            FROM alpine:3.19 AS build
            RUN echo built > /out
            FROM alpine:3.19 AS unused
            RUN echo never
            FROM alpine:3.19 AS branch-prod
            FROM alpine:3.19 AS branch-dev
            FROM branch-${VARIANT} AS release
            ARG VERSION=0.1
            COPY --from=build /out /out
            LABEL version=$VERSION
            CMD ["app"]
            """;

    @Test
    void textPlanShowsOrderSkippedStagesExpandedStepsAndConfig() throws IOException {
        dockerfile("Dockerfile", MULTI_STAGE);
        assertThat(run("plan", context.toString())).isZero();
        String text = out.toString();
        assertThat(text).contains("wave 1: build, branch-prod\n", "wave 2: release\n");
        assertThat(text).contains("unused (stage 1, line 4): not needed to build target \"release\"");
        assertThat(text).contains("branch-dev (stage 3, line 7): not needed to build target \"release\"");
        assertThat(text).contains("  11  LABEL version=0.1\n");
        assertThat(text).contains("\"Cmd\" : [ \"app\" ]");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void targetAndBuildArgsChangeThePlan() throws IOException {
        dockerfile("Dockerfile", MULTI_STAGE);
        assertThat(run("plan", "--build-arg", "VARIANT=dev", "--build-arg", "VERSION=2.0", context.toString()))
                .isZero();
        assertThat(out.toString()).contains("wave 1: build, branch-dev\n", "LABEL version=2.0");
        out.getBuffer().setLength(0);
        assertThat(run("plan", "--target", "UNUSED", context.toString())).isZero();
        assertThat(out.toString()).contains("Target:     unused (stage 1)");
    }

    @Test
    void buildArgWithoutValueIsTakenFromTheEnvironment() {
        BuildOptions options = new BuildOptions();
        options.buildArgs.addAll(java.util.List.of("A", "B", "C=3"));
        assertThat(options.buildArgs(Map.of("A", "from-env"))).containsExactly(Map.entry("A", "from-env"),
                Map.entry("C", "3"));
    }

    @Test
    void jsonPlanIsOneDocument() throws IOException {
        dockerfile("Dockerfile", MULTI_STAGE);
        assertThat(run("plan", "--format", "json", context.toString())).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("target").asText()).isEqualTo("release");
        assertThat(json.get("waves").toString()).isEqualTo("[[\"build\",\"branch-prod\"],[\"release\"]]");
        assertThat(json.get("skipped").findValuesAsText("name")).containsExactly("unused", "branch-dev");
        JsonNode release = json.get("stages").get(2);
        assertThat(release.get("base").get("name").asText()).isEqualTo("branch-prod");
        assertThat(release.get("steps").get(1).get("text").asText())
                .isEqualTo("[release 1/1] COPY --from=build /out /out");
        assertThat(release.get("steps").get(1).get("vertex").asText()).startsWith("sha256:");
        assertThat(release.get("config").get("config").get("Labels").get("version").asText()).isEqualTo("0.1");
    }

    @Test
    void dotPlanDrawsStagesAndEdges() throws IOException {
        dockerfile("Dockerfile", MULTI_STAGE);
        assertThat(run("plan", "--format", "dot", context.toString())).isZero();
        assertThat(out.toString()).startsWith("digraph stages {")
                .contains("stage0 -> stage4 [style=dashed, label=\"--from\"];")
                .contains("stage2 -> stage4 [label=\"FROM\"];")
                .contains("stage1 [label=\"unused\\n(skipped)\", style=dashed");
    }

    @Test
    void dockerfileErrorShowsMessageAndExcerptWithoutStackTrace() throws IOException {
        dockerfile("Dockerfile", "FROM alpine:3.19\nRUN true\nCOPY --chmdo=644 a /a\nRUN true\n");
        assertThat(run("plan", context.toString())).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("""
                ERROR: dockerfile parse error on line 3: unknown flag: --chmdo (did you mean chmod?)
                Dockerfile:3
                --------------------
                   1 |     FROM alpine:3.19
                   2 |     RUN true
                   3 | >>> COPY --chmdo=644 a /a
                   4 |     RUN true
                --------------------
                """);
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        dockerfile("Dockerfile", "FROM alpine:3.19\nRUNN x\n");
        assertThat(run("plan", "--debug", context.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR: dockerfile parse error on line 2: unknown instruction: RUNN")
                .contains("\tat dev.stagecraft.");
    }

    @Test
    void missingDockerfile() {
        assertThat(run("plan", context.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ERROR: failed to read dockerfile: open "
                + context.resolve("Dockerfile") + ": no such file or directory\n");
    }

    @Test
    void missingContext() {
        assertThat(run("plan", context.resolve("nope").toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR: unable to prepare context: path ")
                .endsWith(" not found or not a directory\n");
    }

    @Test
    void alternativeDockerfileName() throws IOException {
        dockerfile("build.Dockerfile", "FROM scratch\nENV A=1\n");
        assertThat(run("plan", "-f", context.resolve("build.Dockerfile").toString(), context.toString())).isZero();
        assertThat(out.toString()).contains("from scratch", "ENV A=1");
    }

    @Test
    void badFormatIsAUsageError() throws IOException {
        dockerfile("Dockerfile", "FROM scratch\n");
        assertThat(run("plan", "--format", "yaml", context.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("invalid --format \"yaml\": use text, json or dot");
    }

    @Test
    void badPlatform() throws IOException {
        dockerfile("Dockerfile", "FROM scratch\n");
        assertThat(run("plan", "--platform", "linux/", context.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR: invalid --platform \"linux/\": ");
    }

    @Test
    void explicitPlatformIsUsedForTheStages() throws IOException {
        dockerfile("Dockerfile", "FROM scratch\nARG TARGETARCH\nENV ARCH=$TARGETARCH\n");
        assertThat(run("plan", "--platform", "linux/arm64", context.toString())).isZero();
        assertThat(out.toString()).contains("Platform:   linux/arm64", "ENV ARCH=arm64", "\"architecture\" : \"arm64\"");
    }
}
