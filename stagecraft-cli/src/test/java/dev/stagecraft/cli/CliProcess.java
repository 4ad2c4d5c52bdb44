package dev.stagecraft.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
}
