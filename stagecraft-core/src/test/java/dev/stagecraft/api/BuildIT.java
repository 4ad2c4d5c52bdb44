package dev.stagecraft.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagecraft.api.event.BuildListener;
import dev.stagecraft.api.event.BuildStep;
import dev.stagecraft.testing.BusyboxRootfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed patterns of DESIGN.md built end to end: a busybox base image made offline, RUN in runc,
 * the result checked through its filesystem ({@code type=local}) and its stored config.
 */
class BuildIT {
    static final String BASE = "stagecraft.test/busybox:1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path root;

    @TempDir
    Path tmp;

    @BeforeAll
    static void baseImage() throws Exception {
        root = shared.resolve("root");
        Path rootfs = BusyboxRootfs.create(shared.resolve("rootfs"));
        Images.open(root).importTree(rootfs, BASE, null);
    }

    private final List<String> started = Collections.synchronizedList(new ArrayList<>());

    private BuildResult build(String dockerfile, Consumer<BuildRequest.Builder> options) throws Exception {
        Path context = Files.createDirectories(tmp.resolve("context"));
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        // Every step runs: these tests are about running steps; BuildCacheIT is about reusing them.
        BuildRequest.Builder b = BuildRequest.builder(context).root(root).noCache(true).listener(new BuildListener() {
            @Override
            public void stepStarted(BuildStep step) {
                started.add(step.name());
            }
        });
        options.accept(b);
        return Stagecraft.build(b.build());
    }

    private Path export(String dockerfile, Consumer<BuildRequest.Builder> options) throws Exception {
        Path out = tmp.resolve("out-" + System.nanoTime());
        build(dockerfile, b -> {
            options.accept(b);
            b.output("type=local,dest=" + out);
        });
        return out;
    }

    private JsonNode config(String tag) throws IOException {
        return JSON.readTree(Images.open(root).inspect(tag).configJson());
    }

    @Test
    void namedStagesAndCopyFromAStage() throws Exception {
        Path out = export("""
                FROM %s AS build
                RUN echo built > /artifact && mkdir -p /out && echo two > /out/second
                FROM %s
                COPY --from=build /artifact /app/artifact
                COPY --from=build /out/ /app/
                """.formatted(BASE, BASE), b -> { });
        assertThat(out.resolve("app/artifact")).hasContent("built");
        assertThat(out.resolve("app/second")).hasContent("two");
        assertThat(out.resolve("bin/busybox")).exists();
    }

    @Test
    void fromAStageInheritsItsFilesystemAndConfig() throws Exception {
        build("""
                FROM %s AS base
                ENV GREETING=hello
                WORKDIR /work
                RUN echo "$GREETING" > base.txt
                FROM base
                RUN cat base.txt > copy.txt && pwd > where.txt
                CMD ["cat", "copy.txt"]
                """.formatted(BASE), b -> b.tag("stagecraft.test/inherit:1"));
        JsonNode config = config("stagecraft.test/inherit:1").get("config");
        assertThat(config.get("Env").toString()).contains("GREETING=hello");
        assertThat(config.get("WorkingDir").asText()).isEqualTo("/work");
        assertThat(config.get("Cmd").toString()).isEqualTo("[\"cat\",\"copy.txt\"]");
    }

    @Test
    void copyFromAnImage() throws Exception {
        Path out = export("""
                FROM scratch
                COPY --from=%s /bin/busybox /busybox
                """.formatted(BASE), b -> { });
        assertThat(out.resolve("busybox")).hasSameBinaryContentAs(BusyboxRootfs.BUSYBOX);
    }

    @Test
    void globalArgChoosesTheBranchAndTheOtherBranchNeverRuns() throws Exception {
        String dockerfile = """
                ARG VARIANT=a
                FROM %s AS branch-a
                RUN echo a > /which
                FROM %s AS branch-b
                RUN echo b > /which && exit 1
                FROM branch-${VARIANT}
                RUN cat /which
                """.formatted(BASE, BASE);
        Path a = export(dockerfile, b -> { });
        assertThat(a.resolve("which")).hasContent("a");
        assertThat(started).noneMatch(s -> s.startsWith("[branch-b "));
        assertThat(started).anyMatch(s -> s.startsWith("[branch-a "));

        started.clear();
        assertThatThrownBy(() -> build(dockerfile, b -> b.buildArg("VARIANT", "b")))
                .isInstanceOfSatisfying(BuildError.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(1);
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.step()).contains("branch-b");
                });
    }

    @Test
    void targetSelectsReleaseDevOrTestAndSkipsTheRest() throws Exception {
        String dockerfile = """
                FROM %s AS base
                RUN echo base > /base
                FROM base AS dev-env
                RUN echo dev > /dev-env
                FROM base AS test
                RUN echo testing > /test && exit 7
                FROM base AS release
                RUN echo release > /release
                """.formatted(BASE);
        Path release = export(dockerfile, b -> b.target("release"));
        assertThat(release.resolve("release")).hasContent("release");
        assertThat(release.resolve("dev-env")).doesNotExist();
        assertThat(started).noneMatch(s -> s.startsWith("[test ") || s.startsWith("[dev-env "));
        assertThat(started).anyMatch(s -> s.startsWith("[release "));

        Path dev = export(dockerfile, b -> b.target("dev-env"));
        assertThat(dev.resolve("dev-env")).hasContent("dev");

        assertThatThrownBy(() -> build(dockerfile, b -> b.target("test")))
                .isInstanceOfSatisfying(BuildError.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(7);
                    assertThat(e.getMessage()).isEqualTo("process \"/bin/sh -c echo testing > /test && exit 7\" "
                            + "did not complete successfully: exit code: 7");
                    assertThat(e.report()).contains("Dockerfile:6", ">>> RUN echo testing");
                });
    }

    @Test
    void independentStagesRunAtTheSameTime() throws Exception {
        // Each stage notes the host uptime (shared by all containers) before and after a pause;
        // the intervals overlap only if the stages ran concurrently.
        Path out = export("""
                FROM %s AS one
                RUN cut -d' ' -f1 /proc/uptime > /start && sleep 1 && cut -d' ' -f1 /proc/uptime > /end
                FROM %s AS two
                RUN cut -d' ' -f1 /proc/uptime > /start && sleep 1 && cut -d' ' -f1 /proc/uptime > /end
                FROM scratch
                COPY --from=one /start /one-start
                COPY --from=one /end /one-end
                COPY --from=two /start /two-start
                COPY --from=two /end /two-end
                """.formatted(BASE, BASE), b -> b.jobs(2));
        double oneStart = number(out.resolve("one-start"));
        double oneEnd = number(out.resolve("one-end"));
        double twoStart = number(out.resolve("two-start"));
        double twoEnd = number(out.resolve("two-end"));
        assertThat(oneStart).isLessThan(twoEnd);
        assertThat(twoStart).isLessThan(oneEnd);
    }

    private static double number(Path file) throws IOException {
        return Double.parseDouble(Files.readString(file).trim());
    }

    @Test
    void aContextBindMountHidesWhatDockerignoreExcludesAndDropsItsWrites() throws Exception {
        Path context = Files.createDirectories(tmp.resolve("context"));
        Files.writeString(context.resolve(".dockerignore"), "secret.txt\nnode_modules\n");
        Files.writeString(context.resolve("app.txt"), "app\n");
        Files.writeString(context.resolve("secret.txt"), "do not show\n");
        Files.createDirectories(context.resolve("node_modules/dep"));
        Files.writeString(context.resolve("node_modules/dep/index.js"), "x\n");
        Files.createDirectories(context.resolve("src"));
        Files.writeString(context.resolve("src/main.c"), "int main;\n");
        Path out = export("""
                FROM %s
                RUN --mount=type=bind,target=/ctx ls -A /ctx > /seen && ls -A /ctx/src > /seen-src
                RUN --mount=type=bind,target=/ctx,rw echo changed > /ctx/app.txt && cat /ctx/app.txt > /wrote
                """.formatted(BASE), b -> { });
        assertThat(Files.readAllLines(out.resolve("seen"))).containsExactlyInAnyOrder(".dockerignore", "Dockerfile",
                "app.txt", "src");
        assertThat(out.resolve("seen-src")).hasContent("main.c");
        assertThat(out.resolve("wrote")).hasContent("changed");
        assertThat(context.resolve("app.txt")).hasContent("app");
        try (var left = Files.list(root.resolve("tmp"))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("context-view-")).toList()).isEmpty();
        }
    }

    @Test
    void anUnusedFailingStageDoesNotFailTheBuild() throws Exception {
        Path out = export("""
                FROM %s AS broken
                RUN exit 1
                FROM %s
                RUN echo fine > /fine
                """.formatted(BASE, BASE), b -> { });
        assertThat(out.resolve("fine")).hasContent("fine");
        assertThat(started).noneMatch(s -> s.contains("exit 1"));
    }

    @Test
    void aSingleFromAliasStage() throws Exception {
        Path out = export("""
                FROM %s AS tools
                FROM tools
                RUN echo ok > /ok
                """.formatted(BASE), b -> { });
        assertThat(out.resolve("ok")).hasContent("ok");
    }

    @Test
    void aRunForAnotherArchitectureIsAClearError() {
        String other = dev.stagecraft.reference.Platform.host().architecture().equals("arm64") ? "amd64" : "arm64";
        assertThatThrownBy(() -> build("""
                FROM %s
                RUN echo never
                """.formatted(BASE), b -> b.platform("linux/" + other)))
                .isInstanceOfSatisfying(BuildError.class, e -> {
                    assertThat(e.getMessage()).contains("cannot run a RUN step for linux/" + other,
                            "needs an emulator");
                    assertThat(e.line()).isEqualTo(2);
                });
    }

    @Test
    void aFailingStepStopsItsRunningSibling() throws Exception {
        // The sibling would sleep for days: the build returning at all shows it was stopped.
        assertThatThrownBy(() -> build("""
                FROM %s AS slow
                RUN sleep 876543
                FROM %s AS failing
                RUN exit 4
                FROM scratch
                COPY --from=slow /etc/passwd /a
                COPY --from=failing /etc/passwd /b
                """.formatted(BASE, BASE), b -> b.jobs(2)))
                .isInstanceOfSatisfying(BuildError.class, e -> assertThat(e.exitCode()).isEqualTo(4));
        Process ps = new ProcessBuilder("pgrep", "-f", "sleep 876543").start();
        String pids = new String(ps.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        ps.waitFor();
        assertThat(pids).as("the sibling's container is gone").isEmpty();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(root.toString());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "snapshotter {0}, isolation {1}, compression {2}")
    @org.junit.jupiter.params.provider.CsvSource({"native, oci, gzip", "overlay, chroot, zstd", "native, chroot, uncompressed"})
    void everySnapshotterIsolationAndCompressionBuildsTheSameFiles(String snapshotter, String isolation,
            String compression) throws Exception {
        String tag = "stagecraft.test/variant-" + snapshotter + "-" + isolation + ":1";
        Path out = export("""
                FROM %s AS one
                RUN echo "$(id -u):$(hostname)" > /who && mkdir -p /d && echo x > /d/x && rm /etc/group
                FROM one
                RUN rm -r /d && echo y > /y
                """.formatted(BASE), b -> b.snapshotter(snapshotter).isolation(isolation).compression(compression)
                .tag(tag).output("type=image"));
        assertThat(out.resolve("who")).hasContent("0:buildkitsandbox");
        assertThat(out.resolve("y")).hasContent("y");
        assertThat(out.resolve("d")).doesNotExist();
        assertThat(out.resolve("etc/group")).doesNotExist();
        assertThat(out.resolve("etc/passwd")).exists();
        String mediaType = switch (compression) {
            case "zstd" -> "application/vnd.oci.image.layer.v1.tar+zstd";
            case "gzip" -> "application/vnd.oci.image.layer.v1.tar+gzip";
            default -> "application/vnd.oci.image.layer.v1.tar";
        };
        JsonNode manifest = JSON.readTree(Images.open(root).inspect(tag).manifestJson());
        assertThat(manifest.get("layers").get(2).get("mediaType").asText()).isEqualTo(mediaType);
    }
}
