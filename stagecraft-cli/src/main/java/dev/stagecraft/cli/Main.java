package dev.stagecraft.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code stagecraft} command. */
@Command(name = "stagecraft", mixinStandardHelpOptions = true, version = "stagecraft 0.1.0-SNAPSHOT",
        description = "Builds container images from Dockerfiles, BuildKit-compatible, without a daemon.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
