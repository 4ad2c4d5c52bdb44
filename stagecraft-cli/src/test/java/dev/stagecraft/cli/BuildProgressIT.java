package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stagecraft build --progress} as a real process: on a pseudo-terminal (util-linux
 * {@code script}) the default draws BuildKit's interactive display, whose final screen is checked
 * after replaying it; {@code rawjson} is parsed line by line; with stderr in a file the default is
 * the plain format. The base is made in the build from Debian's busybox-static.
 */
class BuildProgressIT {
    private static final String DOCKERFILE = CliProcess.BUSYBOX_BASE + """
            FROM base
            RUN echo first-line && echo second-line
            RUN echo done > /done
            """;

    @TempDir
    Path tmp;

    private Path context() throws IOException {
        return context(DOCKERFILE);
    }

    private Path context(String dockerfile) throws IOException {
        Path context = Files.createDirectories(tmp.resolve("context"));
        Files.copy(Path.of("/bin/busybox"), context.resolve("busybox"));
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        return context;
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(
                CliProcess.stagecraft("build", "--root", tmp.resolve("root").toString()).command());
        command.addAll(List.of(args));
        return command;
    }

    /** The output of a build run on a pseudo-terminal, as the terminal received it; the build must succeed. */
    private String onTerminal(String... args) throws Exception {
        return onTerminal(0, args);
    }

    private String onTerminal(int exit, String... args) throws Exception {
        return CliProcess.onTerminal(command(args), Map.of("COLUMNS", "100"), exit);
    }

    private record Result(int exit, String err) {
    }

    private Result toFile(String... args) throws Exception {
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(command(args)).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("STAGECRAFT_PROGRESS");
        pb.environment().put("TERM", "xterm");
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(err));
    }

    @Test
    void onATerminalTheFinalScreenShowsEveryStepWithItsTimeThenTheSummary() throws Exception {
        Path context = context();
        String raw = onTerminal("-t", "pty.test/app:1", context.toString());
        // Drawn in place: the cursor went back up over earlier frames.
        assertThat(raw).contains("\u001b[2K").containsPattern("\u001b\\[\\d+A");
        List<String> screen = AnsiScreen.replay(raw);
        String shown = String.join("\n", screen);
        List<String> steps = screen.stream().filter(l -> l.startsWith("=> ")).toList();
        assertThat(steps).as(shown).hasSize(5).allSatisfy(l -> assertThat(l).matches("=> \\[.*\\S +\\d+\\.\\ds"));
        assertThat(steps.get(0)).startsWith("=> [internal] load build context ");
        assertThat(steps.get(3)).startsWith("=> [stage-1 1/2] RUN echo first-line && echo second-line ");
        // The output of a step is gone once it ended.
        assertThat(screen).as(shown).noneMatch(l -> l.startsWith(" => # "));
        int header = indexOf(screen, "[+] Building ");
        int summary = indexOf(screen, "built in ");
        assertThat(screen.get(header)).matches("\\[\\+\\] Building \\d+\\.\\ds \\(5/5\\) FINISHED");
        assertThat(screen.get(summary)).matches("built in \\d+\\.\\ds: 5 steps run, 0 cached");
        assertThat(summary).isEqualTo(header + 6);
        assertThat(screen.get(summary + 1)).startsWith("writing image sha256:");
        assertThat(screen.get(summary + 2)).isEqualTo("naming to pty.test/app:1");

        List<String> again = AnsiScreen.replay(onTerminal(context.toString()));
        String shownAgain = String.join("\n", again);
        // The context is read again; every Dockerfile step comes from the cache.
        assertThat(again.stream().filter(l -> l.startsWith("=> ") && !l.contains("[internal]")).toList())
                .as(shownAgain).hasSize(4).allSatisfy(l -> assertThat(l).matches("=> CACHED \\[.*\\S +0\\.0s"));
        assertThat(again).as(shownAgain).anyMatch(l -> l.matches("built in \\d+\\.\\ds: [01] steps? run, 4 cached"));
    }

    @Test
    void aFailedStepStaysOnTheScreenWithItsOutputThenTheReport() throws Exception {
        Path context = context(DOCKERFILE.replace("RUN echo done > /done", "RUN echo about-to-fail && exit 3"));
        List<String> screen = AnsiScreen.replay(onTerminal(1, "--progress", "tty", context.toString()));
        String shown = String.join("\n", screen);
        int error = indexOf(screen, "=> ERROR [stage-1 2/2] RUN echo about-to-fail && exit 3 ");
        assertThat(screen.get(error)).as(shown).matches(".*\\S +\\d+\\.\\ds");
        assertThat(screen.get(error + 1)).as(shown).isEqualTo(" => # about-to-fail");
        int summary = indexOf(screen, "failed after ");
        assertThat(screen.get(summary)).matches("failed after \\d+\\.\\ds: 4 steps run, 0 cached");
        assertThat(screen.subList(summary + 1, screen.size())).as(shown)
                .startsWith("------", " > [stage-1 2/2] RUN echo about-to-fail && exit 3:", "about-to-fail", "------")
                .anyMatch(l -> l.startsWith("ERROR: failed to solve: "));
    }

    private static int indexOf(List<String> screen, String prefix) {
        for (int i = 0; i < screen.size(); i++) {
            if (screen.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with " + prefix + " in\n" + String.join("\n", screen));
    }

    @Test
    void rawjsonWritesOneJsonObjectPerLineForEveryEvent() throws Exception {
        Path context = context();
        Result first = toFile("--progress", "rawjson", context.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        List<JsonNode> events = RawJsonProgressTest.parse(first.err());
        Set<String> started = new HashSet<>();
        Set<String> completed = new HashSet<>();
        for (JsonNode e : events) {
            String type = e.get("type").asText();
            String id = e.path("id").asText();
            switch (type) {
                case "vertex-started" -> assertThat(started.add(id)).as("started twice: " + e).isTrue();
                case "vertex-log" -> assertThat(started).as("log before start: " + e).contains(id);
                case "vertex-completed" -> {
                    assertThat(started).as("completed before started: " + e).contains(id);
                    assertThat(e.get("duration").asDouble()).isNotNegative();
                    completed.add(id);
                }
                default -> assertThat(type).isIn("warning", "result");
            }
        }
        assertThat(completed).hasSize(5).isEqualTo(started);
        assertThat(String.join("", events.stream().filter(e -> e.get("type").asText().equals("vertex-log"))
                .map(e -> e.get("data").asText()).toList())).contains("first-line\nsecond-line\n");
        assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("result");

        Result second = toFile("--progress", "rawjson", context.toString());
        assertThat(second.exit()).as(second.err()).isZero();
        List<JsonNode> cached = RawJsonProgressTest.parse(second.err()).stream()
                .filter(e -> e.get("type").asText().equals("vertex-cached")).toList();
        assertThat(cached).hasSize(4).extracting(e -> e.get("id").asText()).isSubsetOf(completed);
        assertThat(cached).extracting(e -> e.get("name").asText()).containsExactlyInAnyOrder(
                "[base 1/2] COPY busybox /bin/busybox", "[base 2/2] RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]",
                "[stage-1 1/2] RUN echo first-line && echo second-line", "[stage-1 2/2] RUN echo done > /done");
    }

    @Test
    void autoIsPlainWhenStderrIsAFile() throws Exception {
        Result r = toFile(context().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("\u001b").doesNotContain("[+] Building")
                .containsPattern("(?m)^#\\d+ \\[stage-1 1/2\\] RUN echo first-line && echo second-line$")
                .containsPattern("(?m)^#\\d+ DONE \\d+\\.\\ds$");
    }
}
