package dev.stagecraft.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.frontend.PlannedStep;
import dev.stagecraft.frontend.StagePlan;
import dev.stagecraft.graph.ExecMount;
import dev.stagecraft.graph.ExecOp;
import dev.stagecraft.graph.FileAction;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.graph.Vertex;
import dev.stagecraft.image.ImageConfig;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dockerfiles written the way popular projects write them, planned through the public API. */
class RealWorldPlansTest {
    private static PlanRequest request(String name) {
        try {
            Path dir = Path.of(RealWorldPlansTest.class.getResource("/realworld/" + name + "/Dockerfile").toURI())
                    .getParent();
            return PlanRequest.of(dir);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StagePlan stage(BuildPlan plan, String name) {
        return plan.result().stages().stream().filter(s -> s.displayName().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> texts(StagePlan s) {
        return s.steps().stream().map(PlannedStep::text).toList();
    }

    @Test
    void goCrossCompileUsesBuildPlatformForTheBuilderAndTargetArgsInRun() {
        BuildPlan plan = Stagecraft.plan(request("go-cross").withPlatform("linux/arm64"));
        assertThat(plan.waves()).containsExactly(List.of("build"), List.of("final"));
        StagePlan build = stage(plan, "build");
        assertThat(build.platform().format()).isEqualTo(dev.stagecraft.reference.Platform.host().format());
        ExecOp go = (ExecOp) build.result().op();
        assertThat(go.env()).contains("TARGETOS=linux", "TARGETARCH=arm64");
        assertThat(go.mounts()).extracting(ExecMount::type, ExecMount::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bind", "/"),
                        org.assertj.core.groups.Tuple.tuple("cache", "/go/pkg/mod"),
                        org.assertj.core.groups.Tuple.tuple("bind", "/src"));
        ImageConfig image = stage(plan, "final").image();
        assertThat(image.architecture()).isEqualTo("arm64");
        assertThat(image.config().user()).isEqualTo("appuser");
        assertThat(image.config().entrypoint()).containsExactly("/bin/server");
        assertThat(texts(stage(plan, "final"))).contains("[final 3/4] RUN adduser --disabled-password --gecos \"\" "
                + "--home \"/nonexistent\" --shell \"/sbin/nologin\"     --no-create-home --uid \"10001\" appuser");
        assertThat(plan.result().contextPaths()).containsExactly("/");
    }

    @Test
    void nodeAppChainsFourStagesAndCopiesWithChown() {
        BuildPlan plan = Stagecraft.plan(request("node-app"));
        assertThat(plan.waves()).containsExactly(List.of("base"), List.of("deps"), List.of("builder"),
                List.of("runner"));
        StagePlan runner = stage(plan, "runner");
        assertThat(runner.image().config().env()).containsExactly(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NODE_ENV=production",
                "NEXT_TELEMETRY_DISABLED=1", "PORT=3000", "HOSTNAME=0.0.0.0");
        FileOp copy = (FileOp) runner.steps().stream().filter(s -> s.text().contains("standalone")).findFirst()
                .orElseThrow().vertex().op();
        FileAction.Copy action = (FileAction.Copy) copy.actions().get(0);
        assertThat(action.chown()).isEqualTo("nextjs:nodejs");
        assertThat(action.destination()).isEqualTo("/app/");
        assertThat(runner.image().history()).extracting(h -> h.createdBy()).contains(
                "COPY --chown=nextjs:nodejs /app/.next/standalone ./ # buildkit");
    }

    @Test
    void pythonVenvSkipsTheTestStageAndKeepsThePathOfTheVenv() {
        BuildPlan plan = Stagecraft.plan(request("python-venv"));
        assertThat(plan.skippedStageNames()).containsExactly("test");
        StagePlan last = stage(plan, "stage-2");
        assertThat(last.image().config().env()).containsExactly(
                "PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        assertThat(last.image().config().healthcheck().retries()).isEqualTo(5);
        assertThat(last.image().config().healthcheck().interval()).isEqualTo(10_000_000_000L);
        assertThat(last.image().config().healthcheck().test()).containsExactly("CMD-SHELL",
                "python -c \"import urllib.request; urllib.request.urlopen('http://localhost:8000/health')\"");
        assertThat(Stagecraft.plan(request("python-venv").withTarget("test")).stageNames())
                .containsExactly("builder", "test");
    }

    @Test
    void javaMavenExpandsArgInCopyFromPaths() {
        BuildPlan plan = Stagecraft.plan(request("java-maven"));
        StagePlan runtime = stage(plan, "stage-1");
        assertThat(texts(runtime)).contains(
                "[stage-1 2/4] COPY --from=build /workspace/app/target/dependency/BOOT-INF/lib /app/lib");
        assertThat(runtime.image().config().volumes()).containsOnlyKeys("/tmp");
        assertThat(plan.result().contextPaths()).containsExactly("pom.xml", "src");
    }

    @Test
    void rustChefPlannerFeedsTheBuilder() {
        BuildPlan plan = Stagecraft.plan(request("rust-chef"));
        assertThat(plan.waves()).containsExactly(List.of("chef"), List.of("planner"), List.of("builder"),
                List.of("runtime"));
        StagePlan builder = stage(plan, "builder");
        assertThat(builder.base().name()).isEqualTo("chef");
        assertThat(builder.dependencies()).containsExactly(1);
        ExecOp cook = (ExecOp) builder.steps().get(1).vertex().op();
        assertThat(cook.cwd()).isEqualTo("/app");
    }

    @Test
    void nginxHeredocConfigIsExpandedAndTheScriptRunsInBash() {
        BuildPlan plan = Stagecraft.plan(request("nginx-heredoc").withBuildArgs(Map.of("SERVER_NAME", "stagecraft.dev")));
        StagePlan site = stage(plan, "site");
        ExecOp script = (ExecOp) site.result().op();
        assertThat(script.args()).containsExactly("/bin/sh", "-c",
                "<<EOT bash\n  set -e\n  npm ci\n  npm run build\nEOT");
        StagePlan nginx = stage(plan, "stage-1");
        Vertex conf = nginx.steps().stream().filter(s -> s.text().contains("default.conf")).findFirst().orElseThrow()
                .vertex();
        FileAction.Copy copy = (FileAction.Copy) ((FileOp) conf.op()).actions().get(0);
        FileOp doc = (FileOp) conf.inputs().get(copy.input()).op();
        assertThat(((FileAction.Mkfile) doc.actions().get(0)).content()).isEqualTo("""
                server {
                    listen 80;
                    server_name stagecraft.dev;
                    root /usr/share/nginx/html;
                }
                """);
        assertThat(nginx.image().config().stopSignal()).isEqualTo("SIGQUIT");
        assertThat(nginx.image().history()).extracting(h -> h.createdBy())
                .contains("COPY <<EOF /etc/nginx/conf.d/default.conf # buildkit");
    }
}
