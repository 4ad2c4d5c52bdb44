package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What start-up does: only the subcommand that runs is built, help still lists them all, and the
 * launcher's warm-up (plan, pull, tag, push through an in-process registry) succeeds offline.
 */
class StartupTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void onlyTheNamedSubcommandIsBuilt() {
        assertThat(commandLine("--debug", "pull", "-q", "localhost:5000/app:1").getSubcommands())
                .containsOnlyKeys("pull");
        assertThat(commandLine("plan", "ctx").getSubcommands()).containsOnlyKeys("plan");
    }

    @Test
    void withoutASubcommandAllAreThere() {
        assertThat(commandLine("--help").getSubcommands())
                .containsKeys("build", "plan", "pull", "push", "images", "inspect", "tag", "rmi", "help")
                .doesNotContainKey(WarmupCommand.NAME);
        assertThat(commandLine("help", "pull").getSubcommands()).containsKeys("pull", "push", "help");
        assertThat(commandLine("no-such-command").getSubcommands()).containsKeys("build", "pull");
    }

    @Test
    void inheritedDebugOptionReachesTheSingleSubcommand() {
        CommandLine cl = commandLine("pull", "--debug", "--help");
        assertThat(cl.execute("pull", "--debug", "--help")).isZero();
        assertThat(out.toString()).contains("--debug").contains("Downloads an image");
    }

    @Test
    void warmupRunsPlanPullAndPushOffline() throws Exception {
        Files.writeString(tmp.resolve("Dockerfile"), "FROM busybox\nRUN true\n");
        java.util.Set<Path> before = warmupRoots();
        String[] args = {WarmupCommand.NAME, tmp.toString()};
        assertThat(commandLine(args).execute(args)).as(err.toString()).isZero();
        assertThat(warmupRoots()).as("the warm-up's root is removed").isSubsetOf(before);
    }

    private static java.util.Set<Path> warmupRoots() throws java.io.IOException {
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("stagecraft-warmup"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }
}
