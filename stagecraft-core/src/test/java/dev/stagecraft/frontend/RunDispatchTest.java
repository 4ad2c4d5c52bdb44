package dev.stagecraft.frontend;

import static dev.stagecraft.frontend.Fixtures.convert;
import static dev.stagecraft.frontend.Fixtures.lastRun;
import static dev.stagecraft.frontend.Fixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.graph.ContextSourceOp;
import dev.stagecraft.graph.ExecMount;
import dev.stagecraft.graph.ExecOp;
import dev.stagecraft.graph.FileAction;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.graph.ImageSourceOp;
import dev.stagecraft.graph.Vertex;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RUN: command line forms, heredocs, --network/--security (reference §3.2, §3.3). */
class RunDispatchTest {

    @Test
    void shellFormJoinsTheLineBehindTheDefaultShell() {
        ExecOp run = lastRun(convert("FROM alpine:3.19\nRUN echo \"a  b\" &&   ls $HOME\n"));
        assertThat(run.args()).containsExactly("/bin/sh", "-c", "echo \"a  b\" &&   ls $HOME");
        assertThat(run.network()).isEqualTo("default");
        assertThat(run.security()).isEqualTo("sandbox");
        assertThat(run.cwd()).isEqualTo("/");
        assertThat(run.user()).isEmpty();
        assertThat(run.platform()).isEqualTo("linux/amd64");
    }

    @Test
    void execFormIsArgvAsWritten() {
        ExecOp run = lastRun(convert("FROM alpine:3.19\nRUN [\"/bin/echo\", \"$HOME\", \"a b\"]\n"));
        assertThat(run.args()).containsExactly("/bin/echo", "$HOME", "a b");
    }

    @Test
    void shellInstructionChangesTheShellOfLaterRuns() {
        ExecOp run = lastRun(convert("FROM alpine:3.19\nSHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN x | y\n"));
        assertThat(run.args()).containsExactly("/bin/bash", "-eo", "pipefail", "-c", "x | y");
    }

    @Test
    void singleHeredocRunsAsTheScript() {
        FrontendResult r = convert("""
                FROM alpine:3.19
                RUN <<EOF
                echo hi
                echo there
                EOF
                """);
        assertThat(lastRun(r).args()).containsExactly("/bin/sh", "-c", "echo hi\necho there\n");
        assertThat(lastRun(r).mounts()).hasSize(1);
        assertThat(Fixtures.steps(r.targetStage(), "RUN").get(0).text()).isEqualTo("[2/2] RUN <<EOF (echo hi...)");
    }

    @Test
    void chompedHeredocLosesLeadingTabs() {
        ExecOp run = lastRun(convert("FROM alpine:3.19\nRUN <<-EOF\n\techo hi\n\tEOF\n"));
        assertThat(run.args()).containsExactly("/bin/sh", "-c", "echo hi\n");
    }

    @Test
    void shebangHeredocIsMountedAsAFileUnderDevPipes() {
        FrontendResult r = convert("""
                FROM alpine:3.19
                RUN <<EOF
                #!/usr/bin/env python3
                print("hi")
                EOF
                """);
        StagePlan s = r.targetStage();
        Vertex v = s.result();
        ExecOp run = (ExecOp) v.op();
        assertThat(run.args()).containsExactly("/bin/sh", "-c", "/dev/pipes/EOF");
        ExecMount pipes = run.mounts().get(1);
        assertThat(pipes.type()).isEqualTo("bind");
        assertThat(pipes.target()).isEqualTo("/dev/pipes/");
        assertThat(pipes.readOnly()).isTrue();
        FileOp file = (FileOp) v.inputs().get(pipes.input()).op();
        assertThat(file.base()).isEqualTo(-1);
        assertThat(file.actions()).containsExactly(
                new FileAction.Mkfile("EOF", 0755, "#!/usr/bin/env python3\nprint(\"hi\")\n"));
    }

    @Test
    void severalHeredocsAreAppendedToTheCommand() {
        ExecOp run = lastRun(convert("""
                FROM alpine:3.19
                RUN cat <<A > /a && cat <<B > /b
                one
                A
                two
                B
                """));
        assertThat(run.args()).containsExactly("/bin/sh", "-c", "cat <<A > /a && cat <<B > /b\none\nA\ntwo\nB");
    }

    @Test
    void heredocWithCommandIsAppendedToo() {
        ExecOp run = lastRun(convert("FROM alpine:3.19\nRUN python3 <<EOF\nprint(1)\nEOF\n"));
        assertThat(run.args()).containsExactly("/bin/sh", "-c", "python3 <<EOF\nprint(1)\nEOF");
    }

    @Test
    void networkAndSecurityGoToTheExecOp() {
        ExecOp run = lastRun(convert("FROM alpine:3.19\nRUN --network=none --security=insecure x\n"));
        assertThat(run.network()).isEqualTo("none");
        assertThat(run.security()).isEqualTo("insecure");
        assertThat(lastRun(convert("FROM alpine:3.19\nRUN --network=host x\n")).network()).isEqualTo("host");
    }

    @Test
    void bindMountFromContextIsReadOnlyWithSelector() {
        FrontendResult r = convert("FROM alpine:3.19\nRUN --mount=source=go.mod,target=/m/go.mod cat /m/go.mod\n");
        Vertex v = r.targetStage().result();
        ExecMount m = ((ExecOp) v.op()).mounts().get(1);
        assertThat(m.type()).isEqualTo("bind");
        assertThat(m.target()).isEqualTo("/m/go.mod");
        assertThat(m.selector()).isEqualTo("/go.mod");
        assertThat(m.readOnly()).isTrue();
        assertThat(v.inputs().get(m.input()).op()).isEqualTo(new ContextSourceOp("context"));
        assertThat(r.contextPaths()).containsExactly("go.mod");
    }

    @Test
    void relativeTargetJoinsWorkdirAndRwMakesItWritable() {
        ExecOp run = lastRun(convert("FROM alpine:3.19\nWORKDIR /app\nRUN --mount=target=src,rw make\n"));
        ExecMount m = run.mounts().get(1);
        assertThat(m.target()).isEqualTo("/app/src");
        assertThat(m.selector()).isNull();
        assertThat(m.readOnly()).isFalse();
    }

    @Test
    void bindMountFromStageAndImage() {
        FrontendResult r = convert("""
                FROM alpine:3.19 AS build
                RUN make
                FROM alpine:3.19
                RUN --mount=from=BUILD,source=/out,target=/o --mount=from=nginx:latest,src=etc/nginx,dst=/n ls
                """);
        Vertex v = r.targetStage().result();
        ExecOp run = (ExecOp) v.op();
        ExecMount fromStage = run.mounts().get(1);
        assertThat(v.inputs().get(fromStage.input())).isSameAs(stage(r, "build").result());
        assertThat(fromStage.selector()).isEqualTo("/out");
        ExecMount fromImage = run.mounts().get(2);
        assertThat(fromImage.selector()).isEqualTo("/etc/nginx");
        assertThat(fromImage.target()).isEqualTo("/n");
        assertThat(v.inputs().get(fromImage.input()).op()).isEqualTo(
                new ImageSourceOp("docker.io/library/nginx:latest@" + TestImages.NGINX_DIGEST, "linux/amd64"));
        assertThat(r.targetStage().dependencies()).containsExactly(0);
        assertThat(r.targetStage().images()).containsExactly("docker.io/library/nginx:latest@" + TestImages.NGINX_DIGEST);
        assertThat(r.contextPaths()).isEmpty();
    }

    @Test
    void cacheMountDefaultsAndOptions() {
        FrontendResult r = convert("""
                FROM alpine:3.19
                WORKDIR /app
                ARG T=/root/.cache
                RUN --mount=type=cache,target=$T --mount=type=cache,target=node_modules \\
                    --mount=type=cache,id=gomod,sharing=locked,target=/go/pkg/mod x
                """);
        List<ExecMount> mounts = lastRun(r).mounts();
        // BuildKit's cache id is BUILDKIT_CACHE_MOUNT_NS + "/" + id, the id defaulting to
        // path.Clean(target as written) (convert_runmount.go dispatchRunMounts; reference §3.3).
        assertThat(mounts.get(1)).isEqualTo(new ExecMount("cache", "/root/.cache", -1, null, false, "//root/.cache",
                "shared", null, null, null, 0, null, false));
        assertThat(mounts.get(2).target()).isEqualTo("/app/node_modules");
        assertThat(mounts.get(2).cacheId()).isEqualTo("/node_modules");
        assertThat(mounts.get(3).cacheId()).isEqualTo("/gomod");
        assertThat(mounts.get(3).sharing()).isEqualTo("locked");
        assertThat(Fixtures.steps(r.targetStage(), "RUN").get(0).text()).startsWith(
                "[3/3] RUN --mount=type=cache,target=/root/.cache --mount=type=cache,target=node_modules");
    }

    @Test
    void cacheMountNamespaceFromBuildArg() {
        ExecOp run = lastRun(convert("FROM alpine:3.19\nRUN --mount=type=cache,id=gomod,target=/m x\n",
                Fixtures.withArgs(Map.of("BUILDKIT_CACHE_MOUNT_NS", "proj"))));
        assertThat(run.mounts().get(1).cacheId()).isEqualTo("proj/gomod");
    }

    @Test
    void cacheMountFromStageUsesItAsInput() {
        FrontendResult r = convert("""
                FROM alpine:3.19 AS seed
                RUN touch /c
                FROM alpine:3.19
                RUN --mount=type=cache,from=seed,target=/c x
                """);
        Vertex v = r.targetStage().result();
        ExecMount m = ((ExecOp) v.op()).mounts().get(1);
        assertThat(v.inputs().get(m.input())).isSameAs(stage(r, "seed").result());
    }

    @Test
    void tmpfsMountIsWritableAndSized() {
        ExecOp run = lastRun(convert("FROM alpine:3.19\nRUN --mount=type=tmpfs,target=/t,size=64m x\n"));
        assertThat(run.mounts().get(1)).isEqualTo(new ExecMount("tmpfs", "/t", -1, null, false, null, null, null,
                null, null, 64L * 1024 * 1024, null, false));
    }

    @Test
    void secretMountDefaults() {
        ExecOp run = lastRun(convert("""
                FROM alpine:3.19
                RUN --mount=type=secret,id=npmrc --mount=type=secret,id=tok,env=TOKEN \\
                    --mount=type=secret,target=/etc/cred --mount=type=secret,source=aws,required x
                """));
        List<ExecMount> m = run.mounts();
        assertThat(m.get(1)).isEqualTo(new ExecMount("secret", "/run/secrets/npmrc", -1, null, true, "npmrc", null,
                0400, null, null, 0, null, false));
        assertThat(m.get(2).target()).isNull();
        assertThat(m.get(2).secretEnv()).isEqualTo("TOKEN");
        assertThat(m.get(2).cacheId()).isEqualTo("tok");
        assertThat(m.get(3).cacheId()).isEqualTo("cred");
        assertThat(m.get(3).target()).isEqualTo("/etc/cred");
        assertThat(m.get(4).cacheId()).isEqualTo("aws");
        assertThat(m.get(4).target()).isEqualTo("/run/secrets/aws");
        assertThat(m.get(4).required()).isTrue();
    }

    @Test
    void sshMountDefaults() {
        ExecOp run = lastRun(convert("FROM alpine:3.19\nRUN --mount=type=ssh --mount=type=ssh,id=gh,target=/s x\n"));
        assertThat(run.mounts().get(1)).isEqualTo(new ExecMount("ssh", "/run/buildkit/ssh_agent.0", -1, null, true,
                "default", null, 0600, null, null, 0, null, false));
        assertThat(run.mounts().get(2).cacheId()).isEqualTo("gh");
        assertThat(run.mounts().get(2).target()).isEqualTo("/s");
    }

    @Test
    void rootMountIsTheStageFilesystem() {
        FrontendResult r = convert("FROM alpine:3.19\nRUN a\nRUN b\n");
        List<PlannedStep> runs = Fixtures.steps(r.targetStage(), "RUN");
        Vertex second = runs.get(1).vertex();
        ExecMount root = ((ExecOp) second.op()).mounts().get(0);
        assertThat(root.target()).isEqualTo("/");
        assertThat(second.inputs().get(root.input())).isSameAs(runs.get(0).vertex());
    }
}
