package dev.stagecraft.cli;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.api.DockerfileError;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code stagecraft} command. */
@Command(name = "stagecraft", mixinStandardHelpOptions = true, version = "stagecraft 0.1.0-SNAPSHOT",
        description = "Builds container images from Dockerfiles, BuildKit-compatible, without a daemon.")
public final class Main implements Runnable {
    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(BuildCommand.class, PlanCommand.class,
            ImageCommands.Pull.class, ImageCommands.Push.class, ImageCommands.ListImages.class,
            ImageCommands.Inspect.class, ImageCommands.Tag.class, ImageCommands.Rmi.class,
            ArchiveCommands.Save.class, ArchiveCommands.Load.class, ArchiveCommands.Import.class,
            StoreCommands.Du.class, StoreCommands.Prune.class, LoginCommands.Login.class,
            LoginCommands.Logout.class, CommandLine.HelpCommand.class);

    private static final String HTTP_BUFFER_PROPERTY = "jdk.httpclient.bufsize";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show internal details (stack traces) of errors.")
    boolean debug;

    public static void main(String[] args) {
        // java.net.http reads sockets into buffers of this size, allocating one per read: the
        // default 16 KiB makes a layer download cost a read, an allocation and a hand-off per
        // 16 KiB, which took about a third of the CPU time of a big pull. Read once, at class
        // initialisation, so it must be set before the first HTTP client exists.
        if (System.getProperty(HTTP_BUFFER_PROPERTY) == null) {
            System.setProperty(HTTP_BUFFER_PROPERTY, Integer.toString(256 * 1024));
        }
        int code = run(args);
        stopHttpSelectors();
        System.exit(code);
    }

    /**
     * Interrupts the selector threads of {@code java.net.http} clients, which end when interrupted.
     * The JVM's exit waits up to 300 ms for any thread still in native code, and an idle selector
     * sits in {@code epoll_wait} for as long as its client is reachable: without this, every pull
     * and push took 0.3 s longer than its work. Java 17's clients cannot be closed otherwise.
     */
    private static void stopHttpSelectors() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager")) {
                t.interrupt();
                try {
                    t.join(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        // UTF-8 whatever the locale: under LANG=C the JVM would print Dockerfile text as '?'.
        return commandLine(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true), args)
                .execute(args);
    }

    /** The command line wired to the given streams, with every subcommand. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, SUBCOMMANDS);
    }

    /**
     * The command line for {@code args}: with only the subcommand they name when they name one,
     * else with all. picocli builds the model of every registered command by reflection, which
     * costs a few hundred milliseconds of start-up for commands that will not run.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
        Optional<String> named = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst();
        if (named.isPresent() && named.get().equals(WarmupCommand.NAME)) {
            return commandLine(out, err, List.of(WarmupCommand.class));
        }
        for (Class<?> c : SUBCOMMANDS) {
            Command command = c.getAnnotation(Command.class);
            if (c != CommandLine.HelpCommand.class && named.isPresent()
                    && (command.name().equals(named.get()) || List.of(command.aliases()).contains(named.get()))) {
                return commandLine(out, err, List.of(c));
            }
        }
        return commandLine(out, err, SUBCOMMANDS);
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, List<Class<?>> subcommands) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        for (Class<?> c : subcommands) {
            cl.addSubcommand(new CommandLine(c));
        }
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
