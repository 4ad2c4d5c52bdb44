package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stagecraft build} as a user runs it: a real process, RUN steps in runc, a base made in
 * the build itself from Debian's busybox-static, output checked as printed.
 */
class BuildCommandIT {
    private static final String BASE = CliProcess.BUSYBOX_BASE;

    @TempDir
    Path tmp;

    private Path context(String dockerfile) throws IOException {
        Path context = Files.createDirectories(tmp.resolve("context"));
        Files.copy(Path.of("/bin/busybox"), context.resolve("busybox"));
        Files.writeString(context.resolve("Dockerfile"), BASE + dockerfile);
        return context;
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(String... args) throws IOException, InterruptedException {
        Process p = CliProcess.stagecraft(args).redirectError(tmp.resolve("err.txt").toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, Files.readString(tmp.resolve("err.txt")));
    }

    @Test
    void plainProgressNumbersStepsAndShowsTheirOutput() throws Exception {
        Path context = context("""
                FROM base
                RUN echo built-line
                """);
        Path iid = tmp.resolve("iid");
        Result r = run("build", "--root", tmp.resolve("root").toString(), "-t", "cli.test/app:1", "--iidfile",
                iid.toString(), context.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).containsPattern("(?m)^#\\d+ \\[stage-1 1/1\\] RUN echo built-line$")
                .containsPattern("(?m)^#\\d+ \\d+\\.\\d{3} built-line$")
                .containsPattern("(?m)^#\\d+ DONE \\d+\\.\\ds$")
                .contains("naming to cli.test/app:1");
        assertThat(Files.readString(iid)).startsWith("sha256:").hasSize(71);
        Result images = run("images", "--root", tmp.resolve("root").toString());
        assertThat(images.out()).contains("cli.test/app", Files.readString(iid).substring(7, 19));
    }

    @Test
    void aSecondBuildShowsEveryStepAsCachedAndRunsNone() throws Exception {
        Path context = context("""
                FROM base
                RUN echo built-line
                """);
        String root = tmp.resolve("root").toString();
        Result first = run("build", "--root", root, context.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        Result second = run("build", "--root", root, context.toString());
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.err()).containsPattern("(?m)^#(\\d+) \\[stage-1 1/1\\] RUN echo built-line\n#\\1 CACHED$")
                .doesNotContainPattern("(?m)^#\\d+ \\d+\\.\\d{3} built-line$");
        Result again = run("build", "--root", root, "--no-cache", context.toString());
        assertThat(again.err()).containsPattern("(?m)^#\\d+ \\d+\\.\\d{3} built-line$").doesNotContain("CACHED");
    }

    @Test
    void aFailingRunExitsOneWithTheStepItsOutputAndTheLine() throws Exception {
        Path context = context("""
                FROM base
                RUN echo about to fail && exit 3
                """);
        Result r = run("build", "--root", tmp.resolve("root").toString(), context.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(" > [stage-1 1/1] RUN echo about to fail && exit 3:", "about to fail",
                "Dockerfile:5", ">>> RUN echo about to fail && exit 3",
                "ERROR: failed to solve: process \"/bin/sh -c echo about to fail && exit 3\" did not complete "
                        + "successfully: exit code: 3")
                .doesNotContain("at dev.stagecraft");
    }

    @Test
    void aCacheExportedToALocalDirectoryServesAnotherRoot() throws Exception {
        Path context = context("""
                FROM base
                RUN echo built-line
                """);
        String cache = tmp.resolve("cache").toString();
        Result first = run("build", "--root", tmp.resolve("rootA").toString(), "--cache-to",
                "type=local,dest=" + cache + ",mode=max", context.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        Result second = run("build", "--root", tmp.resolve("rootB").toString(), "--cache-from",
                "type=local,src=" + cache, context.toString());
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.err()).containsPattern("(?m)^#(\\d+) \\[stage-1 1/1\\] RUN echo built-line\n#\\1 CACHED$")
                .doesNotContainPattern("(?m)^#\\d+ \\d+\\.\\d{3} built-line$");
        Result bad = run("build", "--root", tmp.resolve("rootB").toString(), "--cache-to", "type=s3", context.toString());
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("invalid --cache-to \"type=s3\": unknown type \"s3\"");
    }

    @Test
    void aBadFlagIsAUsageError() throws Exception {
        Result r = run("build", "--no-such-flag", tmp.toString());
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void sigtermStopsTheRunningContainerAndLeavesNoMounts() throws Exception {
        Path context = context("""
                FROM base
                RUN echo sleeping && sleep 987654
                """);
        Path root = tmp.resolve("root");
        Process p = CliProcess.stagecraft("build", "--root", root.toString(), context.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.add(line);
            if (line.matches("#\\d+ \\d+\\.\\d+ sleeping")) {
                break;
            }
        }
        assertThat(seen).as("the RUN step started").anyMatch(l -> l.endsWith(" sleeping"));
        p.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
        lines.transferTo(java.io.Writer.nullWriter());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stagecraft exits after SIGTERM").isTrue();
        assertThat(p.exitValue()).isNotZero();

        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        assertThat(mounts).doesNotContain(root.toString());
        Process ps = new ProcessBuilder("pgrep", "-f", "sleep 987654").start();
        String pids = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        ps.waitFor();
        assertThat(pids).as("no container process left").isEmpty();
    }
}
