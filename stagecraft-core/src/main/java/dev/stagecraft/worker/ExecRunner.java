package dev.stagecraft.worker;

import dev.stagecraft.context.ResolvedPath;
import dev.stagecraft.exec.ExecRequest;
import dev.stagecraft.exec.ExecResult;
import dev.stagecraft.exec.Executor;
import dev.stagecraft.exec.MountSpec;
import dev.stagecraft.exec.NetworkMode;
import dev.stagecraft.graph.ExecMount;
import dev.stagecraft.graph.ExecOp;
import dev.stagecraft.reference.Platform;
import dev.stagecraft.snapshot.ActiveSnapshot;
import dev.stagecraft.snapshot.Snapshotter;
import dev.stagecraft.solver.StepLog;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Runs a RUN step: a container on a fresh snapshot of its root filesystem, whose changes become a
 * layer. Bind mounts of other filesystems are read-only views, or, when writable, snapshots whose
 * writes are thrown away, as in BuildKit; a bind mount of the build context shows it without what
 * {@code .dockerignore} excludes ({@link ContextView}); tmpfs mounts are the runtime's.
 */
final class ExecRunner {
    private static final String HOSTNAME = "buildkitsandbox";

    private final Layers layers;
    private final Executor executor;
    private final List<String> extraHosts;
    private final NetworkMode defaultNetwork;
    /** Where context views of bind mounts are made: the root's own tmp directory. */
    private final Path scratch;

    ExecRunner(Layers layers, Executor executor, List<String> extraHosts, String defaultNetwork, Path scratch) {
        this.layers = layers;
        this.scratch = scratch;
        this.executor = executor;
        this.extraHosts = extraHosts;
        this.defaultNetwork = network(defaultNetwork, NetworkMode.HOST);
    }

    FsRef run(ExecOp op, List<Ref> inputs, StepLog log) throws IOException, InterruptedException {
        checkPlatform(op.platform());
        ExecMount rootMount = op.mounts().stream().filter(m -> "/".equals(m.target())).findFirst().orElse(null);
        FsRef root = Worker.fs(inputs, rootMount == null ? 0 : rootMount.input());
        layers.ensure(root);
        Deque<Closeable> opened = new ArrayDeque<>();
        try (ActiveSnapshot active = layers.snapshotter().prepare(root.snapshot())) {
            List<MountSpec> mounts = new ArrayList<>();
            for (ExecMount m : op.mounts()) {
                if (m != rootMount) {
                    mounts.add(mount(m, inputs, opened));
                }
            }
            List<String> env = new ArrayList<>(op.env());
            env.addAll(op.proxyEnv());
            ExecRequest request = new ExecRequest(active.root(), op.args(), env, op.cwd(), op.user(), HOSTNAME,
                    network(op.network(), defaultNetwork), "insecure".equals(op.security()), mounts, extraHosts, 0);
            ExecResult result = executor.run(request, log::write);
            if (!result.succeeded()) {
                throw new StepFailedException("process \"" + String.join(" ", op.args())
                        + "\" did not complete successfully: exit code: " + result.exitCode(), result.exitCode());
            }
            closeAll(opened);
            return layers.commit(active, root, "mount / from exec " + String.join(" ", op.args()));
        } finally {
            closeAll(opened);
        }
    }

    private MountSpec mount(ExecMount m, List<Ref> inputs, Deque<Closeable> opened) throws IOException {
        switch (m.type()) {
            case "tmpfs" -> {
                return MountSpec.tmpfs(m.target(), m.sizeBytes());
            }
            case "bind" -> {
                Ref in = inputs.get(m.input());
                if (in instanceof ContextRef context) {
                    ResolvedPath p = context.context().tree().resolve(m.selector() == null ? "/" : m.selector(), true);
                    if (context.context().ignore().patterns().isEmpty() && m.readOnly()) {
                        return MountSpec.bind(p.host(), m.target(), true);
                    }
                    if (!p.exists() || !p.attrs().isDirectory()) {
                        return MountSpec.bind(p.host(), m.target(), true);
                    }
                    ContextView view = ContextView.of(context.context().tree(), p.rel(), scratch, !m.readOnly());
                    opened.push(view);
                    return MountSpec.bind(view.root(), m.target(), m.readOnly());
                }
                FsRef fs = (FsRef) in;
                Path source;
                if (m.readOnly()) {
                    Snapshotter.View view = layers.snapshotter().view(layers.ensure(fs));
                    opened.push(view::close);
                    source = view.root();
                } else {
                    // Writes to a read-write bind mount are discarded when the step ends.
                    layers.ensure(fs);
                    ActiveSnapshot scratch = layers.snapshotter().prepare(fs.snapshot());
                    opened.push(scratch::close);
                    source = scratch.root();
                }
                if (m.selector() != null) {
                    source = dev.stagecraft.context.SourceTree.of(source).resolve(m.selector(), true).host();
                }
                return MountSpec.bind(source, m.target(), m.readOnly());
            }
            default -> throw new StepFailedException("RUN --mount=type=" + m.type()
                    + " is not supported by this version");
        }
    }

    private static void closeAll(Deque<Closeable> opened) throws IOException {
        IOException first = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * A process for another architecture cannot run here: say so before starting it, rather than
     * letting it fail with "exec format error". Emulation through binfmt_misc is not supported yet.
     */
    private static void checkPlatform(String platform) {
        if (platform == null || platform.isEmpty()) {
            return;
        }
        Platform host = Platform.host().normalize();
        Platform wanted = Platform.parse(platform, host).normalize();
        boolean sameArch = wanted.architecture().equals(host.architecture())
                && (wanted.variant() == null || wanted.variant().isEmpty() || wanted.variant().equals(host.variant()));
        if (!wanted.os().equals(host.os()) || !sameArch) {
            throw new StepFailedException("cannot run a RUN step for " + wanted.format() + " on this "
                    + host.format() + " machine: building for another platform needs an emulator, which "
                    + "stagecraft does not support yet (steps without RUN, such as COPY, work for any platform)");
        }
    }

    private static NetworkMode network(String mode, NetworkMode byDefault) {
        if (mode == null || mode.isEmpty() || mode.equals("default")) {
            return byDefault;
        }
        if (mode.equals("host")) {
            return NetworkMode.HOST;
        }
        if (mode.equals("none")) {
            return NetworkMode.NONE;
        }
        throw new StepFailedException("unsupported network mode " + mode);
    }
}
