package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code du -v}, {@code prune --filter until=} and {@code STAGECRAFT_CACHE_KEEP_STORAGE} as a user
 * runs them: real processes, real builds (a busybox base made in the build), output as printed.
 */
class CacheCommandsIT {
    private static final String DOCKERFILE = CliProcess.BUSYBOX_BASE + """
            FROM base
            RUN echo cached-step > /f
            """;

    @TempDir
    Path tmp;

    private Path context() throws IOException {
        Path context = Files.createDirectories(tmp.resolve("context"));
        Files.copy(Path.of("/bin/busybox"), context.resolve("busybox"));
        Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
        return context;
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = CliProcess.stagecraft(args);
        pb.environment().remove("STAGECRAFT_CACHE_KEEP_STORAGE");
        pb.environment().putAll(env);
        Process p = pb.redirectError(tmp.resolve("err.txt").toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, Files.readString(tmp.resolve("err.txt")));
    }

    private Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    @Test
    void duVerboseListsRecordsAndPruneUntilRemovesTheOldOnes() throws Exception {
        String root = tmp.resolve("root").toString();
        Path context = context();
        Result build = run("build", "--root", root, context.toString());
        assertThat(build.exit()).as(build.err()).isZero();

        Result du = run("du", "-v", "--root", root);
        assertThat(du.exit()).as(du.err()).isZero();
        assertThat(du.out()).containsPattern("(?m)^ID\\s+STEP\\s+SIZE\\s+CREATED\\s+LAST USED\\s*$")
                .containsPattern("(?m)^[0-9a-f]{12}\\s+\\[stage-1 1/1\\] RUN echo cached-step > /f\\s+\\S+\\s+"
                        + "(Less than a second|1 second|\\d+ seconds|About a minute) ago\\s+")
                .containsPattern("(?m)^Build cache\\s+3\\s+-\\s+");

        // Every record last used two hours ago: a filter of one hour takes them all.
        try (Stream<Path> records = Files.list(tmp.resolve("root/cache/records"))) {
            for (Path r : records.toList()) {
                Files.setLastModifiedTime(r, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
            }
        }
        assertThat(run("du", "-v", "--root", root).out())
                .containsPattern("(?m)RUN echo cached-step > /f\\s+\\S+\\s+\\S.* ago\\s+2 hours ago\\s*$");
        Result kept = run("prune", "--filter", "until=3h", "-f", "--root", root);
        assertThat(kept.out()).doesNotContain("Deleted build cache records");
        Result prune = run("prune", "--filter", "until=1h", "-f", "--root", root);
        assertThat(prune.exit()).as(prune.err()).isZero();
        assertThat(prune.out()).contains("Deleted build cache records: 3")
                .containsPattern("(?m)^Total reclaimed space: [1-9][0-9.]*[kM]B$");
        assertThat(run("du", "--root", root).out()).containsPattern("(?m)^Build cache\\s+0\\s+-\\s+0B\\s+0B");

        Result again = run("build", "--root", root, context.toString());
        assertThat(again.err()).containsPattern("(?m)^#\\d+ \\[stage-1 1/1\\] RUN echo cached-step > /f$")
                .doesNotContain("CACHED");
    }

    @Test
    void aBadFilterOrSizeIsRefusedWithTheReason() throws Exception {
        String root = tmp.resolve("root").toString();
        Result filter = run("prune", "--filter", "until=1d", "-f", "--root", root);
        assertThat(filter.exit()).isNotZero();
        assertThat(filter.err()).contains("unknown unit \"d\" in duration \"1d\"");
        Result size = run("prune", "--keep-storage", "lots", "-f", "--root", root);
        assertThat(size.exit()).isNotZero();
        assertThat(size.err()).contains("invalid size: 'lots'");
    }

    @Test
    void theKeepStorageVariableCollectsAfterTheBuild() throws Exception {
        String root = tmp.resolve("root").toString();
        Path context = context();
        Result build = run(Map.of("STAGECRAFT_CACHE_KEEP_STORAGE", "1"), "build", "--root", root, context.toString());
        assertThat(build.exit()).as(build.err()).isZero();
        // One byte: no record fits, and nothing names the image.
        assertThat(run("du", "--root", root).out()).containsPattern("(?m)^Build cache\\s+0\\s+");
        Result again = run(Map.of("STAGECRAFT_CACHE_KEEP_STORAGE", "0"), "build", "--root", root, context.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).doesNotContain("CACHED");
        assertThat(run("du", "--root", root).out()).containsPattern("(?m)^Build cache\\s+3\\s+");
    }
}
