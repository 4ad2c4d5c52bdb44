package dev.stagecraft.differential.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the external commands of the suite with their output in a log file. */
final class Processes {
    /** A hung daemon must not hang the suite; a busy machine builds a case well within this. */
    private static final long LIMIT_MINUTES = 15;

    private Processes() {
    }

    /** What a command did: its exit status and everything it printed. */
    record Result(int exitCode, String output) {
        /** The last {@code n} lines of the output. */
        String tail(int n) {
            List<String> lines = output.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        }
    }

    /** Runs {@code command} with {@code env} added, stdout and stderr both into {@code log}. */
    static Result run(List<String> command, Map<String, String> env, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new IOException(String.join(" ", command) + " did not finish within " + LIMIT_MINUTES
                    + " minutes; output in " + log);
        }
        return new Result(p.exitValue(), Files.readString(log));
    }
}
