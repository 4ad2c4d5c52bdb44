package dev.stagecraft.exec.oci;

import dev.stagecraft.exec.ChildProcesses;
import dev.stagecraft.exec.ContainerFiles;
import dev.stagecraft.exec.ExecException;
import dev.stagecraft.exec.ExecRequest;
import dev.stagecraft.exec.ExecResult;
import dev.stagecraft.exec.Executor;
import dev.stagecraft.exec.MountSpec;
import dev.stagecraft.exec.MountStubs;
import dev.stagecraft.exec.OutputPumps;
import dev.stagecraft.exec.ProcessOutput;
import dev.stagecraft.exec.ProcessSetup;
import dev.stagecraft.io.FileTrees;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Runs steps with an OCI runtime ({@code runc} or {@code crun}) as BuildKit's runc executor does:
 * a bundle directory under the state directory holds {@code config.json} (see {@link RuntimeSpec})
 * and the generated hosts and resolv.conf; {@code <runtime> --root <state>/<name>-root run --bundle
 * <bundle> <id>} runs the process as pid 1 of its own pid namespace with stdin closed. When that
 * process exits the kernel kills whatever it left running in the namespace, so nothing outlives
 * the step and no init process is needed.
 *
 * <p>As with runc itself, a process killed by signal n is reported as exit code 128+n, which a
 * process that exits with that code cannot be told apart from. A process is pid 1 of its
 * namespace, so signals it sends itself ({@code kill -9 $$}) are ignored, as in BuildKit.
 *
 * <p>crun refuses hosts with a hybrid cgroup layout whose v2 hierarchy has controllers; there,
 * each crun call runs in a private mount namespace without {@code /sys/fs/cgroup/unified}, so
 * crun sees (and uses) the v1 hierarchies only.
 */
public final class OciRuntimeExecutor implements Executor {
    private static final Path UNIFIED_CONTROLLERS = Path.of("/sys/fs/cgroup/unified/cgroup.controllers");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path runtime;
    private final String name;
    private final Path stateDir;
    private final List<String> prefix;

    /**
     * @param runtime  the runc or crun executable
     * @param stateDir a directory of this stagecraft root for bundles and the runtime's own state,
     *                 so that containers never collide with other users of the runtime
     */
    public OciRuntimeExecutor(Path runtime, Path stateDir) throws IOException {
        this.runtime = runtime.toAbsolutePath();
        this.name = runtime.getFileName().toString().contains("crun") ? "crun" : "runc";
        this.stateDir = stateDir.toAbsolutePath();
        Files.createDirectories(this.stateDir.resolve("bundles"));
        Path runtimeRoot = this.stateDir.resolve(name + "-root");
        Files.createDirectories(runtimeRoot);
        List<String> p = new ArrayList<>();
        if (name.equals("crun") && hybridWithV2Controllers()) {
            p.addAll(List.of("/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
                    "umount -l /sys/fs/cgroup/unified && exec \"$0\" \"$@\""));
        }
        p.add(this.runtime.toString());
        p.add("--root");
        p.add(runtimeRoot.toString());
        this.prefix = List.copyOf(p);
    }

    /**
     * The runtime to use: {@code explicitRuntime} when given (it must be an executable file), else
     * {@code crun}, then {@code runc}, found on {@code PATH}; empty when there is none. crun first:
     * it starts a container in half runc's time (about 35 against 70 ms here, even with the
     * mount-namespace wrapper a hybrid cgroup host needs), and a build runs one per RUN step.
     *
     * @throws ExecException when the explicit runtime is not an executable file
     */
    public static Optional<Path> find(Optional<Path> explicitRuntime) {
        return find(explicitRuntime, System.getenv("PATH"));
    }

    /** {@link #find(Optional)} with {@code searchPath} in place of the {@code PATH} variable. */
    public static Optional<Path> find(Optional<Path> explicitRuntime, String searchPath) {
        if (explicitRuntime.isPresent()) {
            Path p = explicitRuntime.get();
            if (!p.toString().contains("/")) {
                Optional<Path> onPath = onPath(p.toString(), searchPath);
                if (onPath.isPresent()) {
                    return onPath;
                }
            }
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new ExecException("OCI runtime " + p + " is not an executable file");
            }
            return Optional.of(p);
        }
        return onPath("crun", searchPath).or(() -> onPath("runc", searchPath));
    }

    private static Optional<Path> onPath(String command, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return name;
    }

    /** The directory holding the runtime's container state ({@code --root}). */
    public Path runtimeRoot() {
        return stateDir.resolve(name + "-root");
    }

    /** The directory holding the bundles of running steps. */
    public Path bundlesDir() {
        return stateDir.resolve("bundles");
    }

    @Override
    public ExecResult run(ExecRequest request, ProcessOutput output) throws IOException, InterruptedException {
        ProcessSetup setup = ProcessSetup.prepare(request);
        String id = "stagecraft-" + HexFormat.of().formatHex(bytes());
        Path bundle = bundlesDir().resolve(id);
        List<String> stubPaths = new ArrayList<>(List.of("/etc/hosts", "/etc/resolv.conf"));
        request.mounts().stream().map(MountSpec::destination).forEach(stubPaths::add);
        MountStubs stubs = MountStubs.record(request.rootfs(), stubPaths);
        try {
            createMountPoints(request.rootfs());
            Files.createDirectory(bundle);
            Path hosts = bundle.resolve("hosts");
            Path resolv = bundle.resolve("resolv.conf");
            Files.writeString(hosts, ContainerFiles.hosts(request.hostname(), request.extraHosts()),
                    StandardCharsets.UTF_8);
            Files.writeString(resolv, ContainerFiles.resolvConf(request.network()), StandardCharsets.UTF_8);
            Files.write(bundle.resolve("config.json"), RuntimeSpec.toJson(RuntimeSpec.build(request, setup, hosts,
                    resolv)));
            return runContainer(id, bundle, output);
        } finally {
            // A container whose process ended was removed by `run` itself, state directory and
            // all; only one that is still there (interrupted, failed to start) needs a delete.
            if (Files.exists(runtimeRoot().resolve(id))) {
                ChildProcesses.runToEnd(command("delete", "--force", id));
            }
            FileTrees.deleteRecursively(bundle);
            stubs.clean();
        }
    }

    /**
     * Creates the kernel file systems' mount points a rootfs lacks as runc does, mode 0755 whatever
     * the umask. They stay in the step's layer, as in BuildKit's; crun would create {@code /dev}
     * with mode 1755, so without this a layer's {@code /dev} depended on the runtime.
     */
    private static void createMountPoints(Path rootfs) throws IOException {
        for (String dir : List.of("proc", "dev", "sys")) {
            Path p = rootfs.resolve(dir);
            if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(p);
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private ExecResult runContainer(String id, Path bundle, ProcessOutput output)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command("run", "--bundle", bundle.toString(), id))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        OutputPumps pumps = OutputPumps.start(process, output, id);
        try {
            int code = process.waitFor();
            pumps.awaitEnd();
            return ChildProcesses.result(code);
        } catch (InterruptedException e) {
            stop(id, process);
            pumps.awaitEnd();
            Thread.interrupted();
            throw e;
        }
    }

    // The interrupt may come before the runtime has created the container, when kill has nothing to
    // hit yet: keep killing until the runtime returns, and kill the runtime itself if it lingers.
    private void stop(String id, Process process) {
        for (int attempt = 0; process.isAlive(); attempt++) {
            ChildProcesses.runToEnd(command("kill", "--all", id, "KILL"));
            if (ChildProcesses.waitUninterruptibly(process, 200)) {
                return;
            }
            if (attempt == 25) {
                process.destroyForcibly();
            }
        }
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static byte[] bytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    private static boolean hybridWithV2Controllers() {
        try {
            return Files.isReadable(UNIFIED_CONTROLLERS) && !Files.readString(UNIFIED_CONTROLLERS).isBlank();
        } catch (IOException e) {
            return false;
        }
    }
}
