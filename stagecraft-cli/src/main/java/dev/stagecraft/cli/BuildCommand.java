package dev.stagecraft.cli;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.api.BuildError;
import dev.stagecraft.api.BuildRequest;
import dev.stagecraft.api.BuildResult;
import dev.stagecraft.api.Images;
import dev.stagecraft.api.Stagecraft;
import dev.stagecraft.api.event.BuildListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stagecraft build}: a Dockerfile and its context to an image, as {@code docker buildx build}. */
@Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Builds an image from a Dockerfile and a context directory.")
final class BuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BuildOptions options;

    @Option(names = {"-t", "--tag"}, paramLabel = "NAME[:TAG]", description = "Name the image; repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "SPEC",
            description = "Output: type=local,dest=DIR | type=tar,dest=FILE | type=oci,dest=FILE | "
                    + "type=docker,dest=FILE | type=image[,push=true] | type=registry; a path means type=local. "
                    + "Default: the local store.")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--push", description = "Push the image to its registry (shorthand for type=image,push=true).")
    boolean push;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Set an image label; repeatable.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--pull", description = "Always look base images up in their registry.")
    boolean pull;

    @Option(names = "--iidfile", paramLabel = "FILE", description = "Write the image id (config digest) to FILE.")
    Path iidFile;

    @Option(names = {"-q", "--quiet"}, description = "Print only the image id.")
    boolean quiet;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "${env:STAGECRAFT_PROGRESS:-auto}",
            description = {"Progress output on stderr (default: ${DEFAULT-VALUE}; STAGECRAFT_PROGRESS sets it):",
                "  auto: tty when stderr is a terminal (and TERM is not dumb), else plain;",
                "  tty: steps redrawn in place, the last lines of running steps under them;",
                "  plain: BuildKit's plain format (#N lines);",
                "  rawjson: one JSON object per line: {\"time\":RFC3339,\"type\":TYPE,\"id\":STEP-DIGEST,"
                        + "\"name\":STEP,...} with TYPE vertex-started, vertex-log (stream 1|2, data, or data_base64"
                        + " when not UTF-8), vertex-cached, vertex-completed (duration in seconds), vertex-error"
                        + " (error, cancelled), warning (message, no step) or cache-miss (reason); the last line"
                        + " is result (image, manifest, names) or error (message: the failure report);",
                "  quiet: nothing (as -q, which also prints the image id)."})
    String progress;

    @Option(names = "--network", paramLabel = "MODE", defaultValue = "default",
            description = "Network of RUN steps: default (the host's), host or none (default: ${DEFAULT-VALUE}).")
    String network;

    @Option(names = "--no-cache", description = "Run every step instead of taking results from the build cache"
            + " (what runs is still recorded for later builds).")
    boolean noCache;

    @Option(names = "--no-cache-filter", paramLabel = "STAGE[,STAGE]", split = ",",
            description = "Run the RUN, COPY/ADD and WORKDIR steps of these stages instead of taking them from the"
                    + " build cache; repeatable.")
    List<String> noCacheFilter = new ArrayList<>();

    @Option(names = "--explain-cache", description = "After the steps, say for each step that missed the cache why"
            + " (compared with the last build of this Dockerfile and target).")
    boolean explainCache;

    @Option(names = "--cache-to", paramLabel = "SPEC", description = "Export the build cache:"
            + " type=registry,ref=REF[,mode=min|max][,ignore-error=true|false], type=local,dest=DIR[,mode=...]"
            + " or type=inline; repeatable.")
    List<String> cacheTo = new ArrayList<>();

    @Option(names = "--cache-from", paramLabel = "SPEC", description = "Use a build cache:"
            + " type=registry,ref=REF, type=local,src=DIR or REF (a cache or an image with an inline cache);"
            + " repeatable.")
    List<String> cacheFrom = new ArrayList<>();

    @Option(names = "--add-host", paramLabel = "HOST:IP", description = "Add a line to /etc/hosts of RUN steps.")
    List<String> addHosts = new ArrayList<>();

    @Option(names = "--jobs", paramLabel = "N", description = "Steps that may run at once (default: the number of cores).")
    int jobs;

    @Option(names = "--snapshotter", paramLabel = "MODE", defaultValue = "auto",
            description = "auto, overlay or native (copying) (default: ${DEFAULT-VALUE}).")
    String snapshotter;

    @Option(names = "--isolation", paramLabel = "MODE", defaultValue = "auto",
            description = "How RUN is isolated: auto, oci (runc/crun) or chroot (default: ${DEFAULT-VALUE}).")
    String isolation;

    @Option(names = "--runtime", paramLabel = "PATH",
            description = "The OCI runtime binary (default: crun, else runc, from PATH).")
    Path runtime;

    @Option(names = "--compression", paramLabel = "TYPE", defaultValue = "gzip",
            description = "Layer compression: gzip, zstd or uncompressed (default: ${DEFAULT-VALUE}).")
    String compression;

    @Mixin
    ImageCommands.RootOption root;

    @Mixin
    ImageCommands.RegistryOption registry;

    @Parameters(index = "0", paramLabel = "CONTEXT",
            description = "The build context directory, or - for a tar archive (or a Dockerfile alone) on stdin.")
    Path context;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        TtyProgress tty = null;
        BuildListener listener;
        switch (quiet ? "quiet" : progressMode(progress)) {
            case "quiet" -> listener = BuildListener.NONE;
            case "plain" -> listener = new PlainProgress(err);
            case "rawjson" -> listener = new RawJsonProgress(err);
            default -> {
                tty = TtyProgress.started(err, Tty.stderrSize(System.getenv()));
                listener = tty;
            }
        }
        try {
            return build(listener, tty, out, err);
        } finally {
            if (tty != null) {
                // An error of the CLI itself, or an interrupt: the screen as it was, then the error.
                tty.finish(true);
            }
        }
    }

    /** {@code mode} as given, {@code auto} resolved to tty or plain. */
    static String progressMode(String mode) {
        return switch (mode) {
            case "auto" -> Tty.stderrIsInteractive(System.getenv()) ? "tty" : "plain";
            case "tty", "plain", "rawjson", "quiet" -> mode;
            default -> throw new StagecraftException("invalid --progress " + mode + ": auto, tty, plain, rawjson or quiet");
        };
    }

    private int build(BuildListener listener, TtyProgress tty, PrintWriter out, PrintWriter err) {
        boolean contextOnStdin = context.toString().equals("-");
        boolean dockerfileOnStdin = options.file != null && options.file.toString().equals("-");
        if (contextOnStdin && dockerfileOnStdin) {
            throw new StagecraftException("invalid argument: can't use stdin for both build context and dockerfile");
        }
        BuildRequest.Builder b = contextOnStdin ? BuildRequest.builder(System.in) : BuildRequest.builder(context);
        if (dockerfileOnStdin) {
            try {
                b.dockerfileContent(System.in.readAllBytes());
            } catch (IOException e) {
                throw new StagecraftException("cannot read the Dockerfile from standard input: " + e.getMessage(), e);
            }
        } else if (options.file != null) {
            b.dockerfile(options.file);
        }
        b.target(options.target)
                .buildArgs(options.buildArgs(System.getenv()))
                .platform(options.platform)
                .network(network)
                .push(push)
                .pull(pull)
                .noCache(noCache)
                .noCacheFilter(noCacheFilter.toArray(String[]::new))
                .explainCache(explainCache)
                .jobs(jobs)
                .snapshotter(snapshotter)
                .isolation(isolation)
                .runtime(runtime)
                .compression(compression)
                .root(root.root != null ? root.root : Images.defaultRoot())
                .listener(listener)
                .stdout(System.out);
        tags.forEach(b::tag);
        outputs.forEach(b::output);
        addHosts.forEach(b::addHost);
        cacheTo.forEach(b::cacheTo);
        cacheFrom.forEach(b::cacheFrom);
        String keepStorage = System.getenv("STAGECRAFT_CACHE_KEEP_STORAGE");
        if (keepStorage != null && !keepStorage.isBlank()) {
            b.cacheKeepStorage(dev.stagecraft.api.PruneOptions.parseSize(keepStorage.strip()));
        }
        registry.insecure.forEach(b::insecureRegistry);
        for (String label : labels) {
            int eq = label.indexOf('=');
            b.label(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
        }
        BuildResult result;
        try {
            result = runInterruptibly(b.build());
        } catch (BuildError e) {
            if (tty != null) {
                tty.finish(true);
            }
            if (listener instanceof RawJsonProgress json) {
                json.error(e.report());
                return 1;
            }
            err.print(e.report());
            err.flush();
            return 1;
        } catch (InterruptedException e) {
            if (tty != null) {
                tty.finish(true);
            }
            err.println("ERROR: build cancelled");
            err.flush();
            return 130;
        }
        if (tty != null) {
            tty.finish(false);
        }
        if (iidFile != null) {
            try {
                Files.writeString(iidFile, result.configDigest(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new StagecraftException("cannot write --iidfile " + iidFile + ": " + e.getMessage(), e);
            }
        }
        if (quiet) {
            out.println(result.configDigest());
            out.flush();
        } else if (listener instanceof RawJsonProgress json) {
            json.result(result.configDigest(), result.manifestDigest(), result.names());
        } else {
            err.println("writing image " + result.configDigest() + " (manifest " + result.manifestDigest() + ")");
            for (String name : result.names()) {
                err.println("naming to " + name);
            }
            err.flush();
        }
        return 0;
    }

    /**
     * Runs the build so that Ctrl-C or SIGTERM stops it cleanly: the shutdown hook interrupts the
     * build, which kills its containers and undoes its mounts, and the JVM exits once that is done.
     */
    private static BuildResult runInterruptibly(BuildRequest request) throws InterruptedException {
        Thread builder = Thread.currentThread();
        Object done = new Object();
        boolean[] finished = {false};
        Thread hook = new Thread(() -> {
            builder.interrupt();
            synchronized (done) {
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!finished[0] && System.nanoTime() < deadline) {
                    try {
                        done.wait(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "stagecraft-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return Stagecraft.build(request);
        } finally {
            synchronized (done) {
                finished[0] = true;
                done.notifyAll();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the notification above
            }
        }
    }
}
