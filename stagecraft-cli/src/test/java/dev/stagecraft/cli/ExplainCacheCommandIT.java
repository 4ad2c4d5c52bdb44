package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stagecraft build --explain-cache} and {@code --no-cache-filter} as a user runs them: a
 * real process, RUN steps in runc, the reasons printed after the steps and before the image lines.
 */
class ExplainCacheCommandIT {
    private static final String DOCKERFILE = CliProcess.BUSYBOX_BASE + """
            FROM base AS app
            ARG V=1
            COPY app.txt /app.txt
            RUN cat /app.txt > /copy.txt
            """;

    @TempDir
    Path tmp;

    private record Result(int exit, String err) {
    }

    private Result run(String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = CliProcess.stagecraft(args);
        Process p = pb.redirectError(tmp.resolve("err.txt").toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.getOutputStream().close();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void explainCachePrintsWhyEachMissedStepMissedBeforeTheImageLines() throws Exception {
        Path context = Files.createDirectories(tmp.resolve("context"));
        Files.copy(Path.of("/bin/busybox"), context.resolve("busybox"));
        Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
        Files.writeString(context.resolve("app.txt"), "one\n");
        String root = tmp.resolve("root").toString();
        Result first = run("build", "--root", root, context.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.err()).doesNotContain("cache miss");

        Files.writeString(context.resolve("app.txt"), "two\n");
        Result second = run("build", "--root", root, "--explain-cache", "--build-arg", "V=2", context.toString());
        assertThat(second.exit()).as(second.err()).isZero();
        String err = second.err();
        Matcher copy = Pattern.compile("(?m)^#(\\d+) \\[app 1/2\\] COPY app.txt /app.txt\n").matcher(err);
        assertThat(copy.find()).as(err).isTrue();
        String n = copy.group(1);
        assertThat(err).contains("#" + n + " [app 1/2] COPY app.txt /app.txt : cache miss: context file changed: app.txt\n")
                .containsPattern("(?m)^#\\d+ \\[app 2/2\\] RUN cat /app.txt > /copy.txt : cache miss: build arg V changed"
                        + " \\(1 -> 2\\); parent step changed: \\[app 1/2\\] COPY app.txt /app.txt$")
                .doesNotContain("[base 2/2] RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"] :");
        assertThat(err.indexOf(" : cache miss: ")).isGreaterThan(err.lastIndexOf("DONE"))
                .isLessThan(err.indexOf("writing image"));

        Result filtered = run("build", "--root", root, "--explain-cache", "--build-arg", "V=2", "--no-cache-filter",
                "base", context.toString());
        assertThat(filtered.exit()).as(filtered.err()).isZero();
        assertThat(filtered.err()).containsPattern("(?m)^#\\d+ \\[base 2/2\\] RUN .* : --no-cache-filter$")
                .containsPattern("(?m)^#\\d+ \\[base 1/2\\] COPY busybox /bin/busybox : --no-cache-filter$")
                .containsPattern("(?m)^#(\\d+) \\[app 2/2\\] RUN cat /app.txt > /copy.txt\n#\\1 CACHED$");

        Result unknown = run("build", "--root", root, "--no-cache-filter", "nothere", context.toString());
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("\"nothere\"");
    }
}
