package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The CLI as a user runs it: {@link Main} in a child JVM on the tests' class path. */
final class CliProcess {
    /**
     * A first stage named {@code base} with busybox, made in the build itself from a
     * {@code busybox} binary in the context (Debian's busybox-static), so no image is needed.
     */
    static final String BUSYBOX_BASE = """
            FROM scratch AS base
            COPY busybox /bin/busybox
            RUN ["/bin/busybox", "--install", "-s", "/bin"]
            """;

    private CliProcess() {
    }

    /** {@code stagecraft ARGS...}, not yet started, without the environment's JVM options. */
    static ProcessBuilder stagecraft(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        return pb;
    }

    /**
     * Runs {@code command} on a pseudo-terminal (util-linux {@code script}) with {@code TERM=xterm}
     * and {@code env}, and returns everything it wrote, as the terminal received it, once it has
     * exited with {@code exit}.
     */
    static String onTerminal(List<String> command, Map<String, String> env, int exit)
            throws IOException, InterruptedException {
        String line = String.join(" ", command.stream().map(CliProcess::quote).toList());
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", line, "/dev/null");
        pb.environment().put("TERM", "xterm");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("STAGECRAFT_PROGRESS");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("util-linux script is needed (apt-get install bsdutils)", e);
        }
        p.getOutputStream().close();
        String raw = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(raw).isEqualTo(exit);
        return raw;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
