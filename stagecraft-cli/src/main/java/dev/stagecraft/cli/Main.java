package dev.stagecraft.cli;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.api.DockerfileError;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code stagecraft} command. */
@Command(name = "stagecraft", mixinStandardHelpOptions = true, version = "stagecraft 0.1.0-SNAPSHOT",
        description = "Builds container images from Dockerfiles, BuildKit-compatible, without a daemon.",
        subcommands = {BuildCommand.class, PlanCommand.class, ImageCommands.Pull.class, ImageCommands.Push.class,
            ImageCommands.ListImages.class, ImageCommands.Inspect.class, ImageCommands.Tag.class,
            ImageCommands.Rmi.class, ArchiveCommands.Save.class, ArchiveCommands.Load.class,
            ArchiveCommands.Import.class, StoreCommands.Du.class, StoreCommands.Prune.class,
            LoginCommands.Login.class, LoginCommands.Logout.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show internal details (stack traces) of errors.")
    boolean debug;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        // UTF-8 whatever the locale: under LANG=C the JVM would print Dockerfile text as '?'.
        return commandLine(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)).execute(args);
    }

    /** The command line wired to the given streams. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            if (ex instanceof StagecraftException) {
                e.println("ERROR: " + ex.getMessage());
                if (ex instanceof DockerfileError de && !de.excerpt().isEmpty()) {
                    e.print(de.excerpt());
                }
            } else {
                e.println("ERROR: internal error: " + ex);
            }
            if (main.debug || !(ex instanceof StagecraftException)) {
                ex.printStackTrace(e);
            }
            e.flush();
            return 1;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
