package dev.stagecraft.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.graph.ExecOp;
import dev.stagecraft.graph.FileAction;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.graph.ImageSourceOp;
import dev.stagecraft.graph.Vertex;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed patterns of DESIGN.md, each as users write them. */
class SeedPatternsTest {
    static FrontendResult convert(String dockerfile, FrontendOptions options) {
        return DockerfileFrontend.convert(dockerfile.getBytes(StandardCharsets.UTF_8), options, TestImages.resolver());
    }

    /** Built on linux/amd64 whatever the host, so expected platforms hold everywhere. */
    static final FrontendOptions AMD64 = new FrontendOptions(null, Map.of(),
            dev.stagecraft.reference.Platform.parse("linux/amd64"), null);

    static FrontendResult convert(String dockerfile) {
        return convert(dockerfile, AMD64);
    }

    static StagePlan stage(FrontendResult r, String name) {
        return r.stages().stream().filter(s -> s.displayName().equals(name)).findFirst().orElseThrow();
    }

    static List<String> names(List<StagePlan> stages) {
        return stages.stream().map(StagePlan::displayName).toList();
    }

    static List<String> waveNames(FrontendResult r) {
        return r.waves().stream().map(w -> String.join(",", names(w))).toList();
    }

    @Test
    void namedStagesAndCopyFromStage() {
        FrontendResult r = convert("""
                FROM golang:1.22 AS build
                WORKDIR /src
                RUN go build -o /out/app
                FROM alpine:3.19
                COPY --from=build /out/app /usr/local/bin/app
                """);
        assertThat(names(r.stages())).containsExactly("build", "stage-1");
        StagePlan last = stage(r, "stage-1");
        assertThat(last.dependencies()).containsExactly(0);
        assertThat(waveNames(r)).containsExactly("build", "stage-1");
        Vertex copy = last.result();
        FileOp op = (FileOp) copy.op();
        FileAction.Copy action = (FileAction.Copy) op.actions().get(0);
        assertThat(action.source()).isEqualTo("/out/app");
        assertThat(action.destination()).isEqualTo("/usr/local/bin/app");
        assertThat(copy.inputs().get(action.input())).isSameAs(stage(r, "build").result());
        assertThat(copy.inputs().get(op.base()).op())
                .isEqualTo(new ImageSourceOp("docker.io/library/alpine:3.19@" + TestImages.ALPINE_DIGEST, "linux/amd64"));
    }

    @Test
    void fromStageInheritsEnvWorkdirUserAndArgs() {
        FrontendResult r = convert("""
                FROM alpine:3.19 AS base
                ARG MODE=fast
                ENV APP_HOME=/srv/app
                WORKDIR $APP_HOME
                USER app
                FROM base AS child
                RUN echo $MODE
                """);
        StagePlan child = stage(r, "child");
        assertThat(child.base().kind()).isEqualTo(StageBase.Kind.STAGE);
        assertThat(child.base().name()).isEqualTo("base");
        ExecOp run = (ExecOp) child.result().op();
        assertThat(run.cwd()).isEqualTo("/srv/app");
        assertThat(run.user()).isEqualTo("app");
        assertThat(run.env()).containsExactly("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "MODE=fast", "APP_HOME=/srv/app");
        assertThat(child.image().config().env()).doesNotContain("MODE=fast");
        assertThat(child.image().history().get(child.image().history().size() - 1).createdBy())
                .isEqualTo("RUN |1 MODE=fast /bin/sh -c echo $MODE # buildkit");
        assertThat(run.args()).containsExactly("/bin/sh", "-c", "echo $MODE");
    }

    @Test
    void copyFromImagePinsTheImage() {
        FrontendResult r = convert("""
                FROM alpine:3.19
                COPY --from=nginx:latest /etc/nginx/nginx.conf /etc/nginx.conf
                """);
        StagePlan s = r.stages().get(0);
        assertThat(s.images()).containsExactly("docker.io/library/nginx:latest@" + TestImages.NGINX_DIGEST);
        FileOp op = (FileOp) s.result().op();
        FileAction.Copy copy = (FileAction.Copy) op.actions().get(0);
        assertThat(s.result().inputs().get(copy.input()).op()).isEqualTo(
                new ImageSourceOp("docker.io/library/nginx:latest@" + TestImages.NGINX_DIGEST, "linux/amd64"));
    }

    @Test
    void singleFromAliasStageSelectsAnImageByGlobalArg() {
        String df = """
                ARG SRC_IMAGE=golang:1.22
                FROM ${SRC_IMAGE} AS src
                FROM alpine:3.19
                COPY --from=src /go/bin /usr/local/bin
                """;
        FrontendResult r = convert(df);
        assertThat(stage(r, "src").base().name()).isEqualTo("docker.io/library/golang:1.22@" + TestImages.GOLANG_DIGEST);
        FrontendResult other = convert(df, AMD64.withBuildArgs(Map.of("SRC_IMAGE", "nginx")));
        assertThat(stage(other, "src").base().name())
                .isEqualTo("docker.io/library/nginx:latest@" + TestImages.NGINX_DIGEST);
    }

    @Test
    void globalArgBeforeFromIsOverriddenRawByBuildArg() {
        String df = """
                ARG GO=1.21
                ARG FULL=golang:${GO}
                FROM $FULL
                """;
        FrontendResult r = convert(df, AMD64.withBuildArgs(Map.of("GO", "1.22")));
        assertThat(r.stages().get(0).base().name()).startsWith("docker.io/library/golang:1.22@");
        assertThatThrownBy(() -> convert(df)).isInstanceOf(DockerfileException.class)
                .hasMessage("golang:1.21: docker.io/library/golang:1.21: not found");
        // Build-arg values are used raw: no expansion of $GO inside the value.
        assertThatThrownBy(() -> convert(df, AMD64.withBuildArgs(Map.of("FULL", "golang:$GO"))))
                .isInstanceOf(DockerfileException.class)
                .hasMessageStartingWith("failed to parse stage name \"golang:$GO\": invalid reference format");
    }

    @Test
    void conditionByFromBranchBuildsOnlyTheChosenBranch() {
        String df = """
                ARG VARIANT=prod
                FROM alpine:3.19 AS branch-prod
                RUN echo prod
                FROM alpine:3.19 AS branch-dev
                RUN echo dev
                FROM branch-${VARIANT} AS final
                RUN echo done
                """;
        FrontendResult prod = convert(df);
        assertThat(names(prod.stages())).containsExactly("branch-prod", "final");
        assertThat(prod.skipped()).extracting(SkippedStage::displayName).containsExactly("branch-dev");
        assertThat(prod.skipped().get(0).reason()).isEqualTo("not needed to build target \"final\"");
        FrontendResult dev = convert(df, AMD64.withBuildArgs(Map.of("VARIANT", "dev")));
        assertThat(names(dev.stages())).containsExactly("branch-dev", "final");
    }

    @Test
    void releaseDevEnvAndTestTargets() {
        String df = """
                FROM golang:1.22 AS base
                WORKDIR /src
                COPY . .
                FROM base AS build
                RUN go build -o /out/app
                FROM base AS test
                RUN go test ./...
                FROM base AS dev-env
                RUN go install golang.org/x/tools/gopls@latest
                FROM alpine:3.19 AS release
                COPY --from=build /out/app /app
                """;
        assertThat(names(convert(df).stages())).containsExactly("base", "build", "release");
        assertThat(names(convert(df, AMD64.withTarget("test")).stages()))
                .containsExactly("base", "test");
        assertThat(names(convert(df, AMD64.withTarget("DEV-ENV")).stages()))
                .containsExactly("base", "dev-env");
        assertThat(convert(df, AMD64.withTarget("test")).skipped())
                .extracting(SkippedStage::displayName).containsExactly("build", "dev-env", "release");
    }

    @Test
    void independentStagesShareAWave() {
        FrontendResult r = convert("""
                FROM alpine:3.19 AS a
                RUN echo a > /a
                FROM alpine:3.19 AS b
                RUN echo b > /b
                FROM golang:1.22 AS c
                COPY --from=a /a /a
                FROM alpine:3.19
                COPY --from=b /b /b
                COPY --from=c /a /c
                """);
        assertThat(waveNames(r)).containsExactly("a,b", "c", "stage-3");
    }

    @Test
    void unusedStagesAreSkippedButStillValidated() {
        String df = """
                FROM alpine:3.19 AS unused
                COPY --chmod=999 x /x
                FROM alpine:3.19
                RUN true
                """;
        FrontendResult r = convert(df);
        assertThat(r.skipped()).extracting(SkippedStage::displayName).containsExactly("unused");
        // Parse-level errors are raised for skipped stages too.
        assertThatThrownBy(() -> convert("""
                FROM alpine:3.19 AS unused
                COPY --chmdo=644 x /x
                FROM alpine:3.19
                """)).hasMessage("dockerfile parse error on line 2: unknown flag: --chmdo (did you mean chmod?)");
        // Dispatch-level errors only for stages that run.
        assertThatThrownBy(() -> convert(df, AMD64.withTarget("unused")))
                .hasMessage("invalid chmod parameter: '999'. it should be octal string and between 0 and 07777");
    }

    @Test
    void changingOneStageKeepsTheOtherStagesVertices() {
        String df = """
                FROM alpine:3.19 AS deps
                RUN apk add make
                FROM alpine:3.19 AS app
                ARG VERSION=1
                RUN echo $VERSION > /version
                FROM alpine:3.19
                COPY --from=deps /usr/bin/make /usr/bin/make
                COPY --from=app /version /version
                """;
        FrontendResult one = convert(df);
        FrontendResult two = convert(df, AMD64.withBuildArgs(Map.of("VERSION", "2")));
        assertThat(stage(two, "deps").result().digest()).isEqualTo(stage(one, "deps").result().digest());
        assertThat(stage(two, "app").result().digest()).isNotEqualTo(stage(one, "app").result().digest());
        assertThat(stage(two, "stage-2").result().digest()).isNotEqualTo(stage(one, "stage-2").result().digest());
    }
}
