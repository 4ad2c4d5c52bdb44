package dev.stagecraft.worker;

import dev.stagecraft.exec.ExecRequest;
import dev.stagecraft.exec.ExecResult;
import dev.stagecraft.exec.Executor;
import dev.stagecraft.exec.NetworkMode;
import dev.stagecraft.graph.ExecOp;
import dev.stagecraft.snapshot.ActiveSnapshot;
import dev.stagecraft.solver.StepLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Runs a RUN step: a container on a fresh snapshot of its root, whose changes become a layer. */
final class ExecRunner {
    private static final String HOSTNAME = "buildkitsandbox";

    private final Layers layers;
    private final Executor executor;
    private final List<String> extraHosts;
    private final NetworkMode defaultNetwork;

    ExecRunner(Layers layers, Executor executor, List<String> extraHosts, String defaultNetwork) {
        this.layers = layers;
        this.executor = executor;
        this.extraHosts = extraHosts;
        this.defaultNetwork = network(defaultNetwork, NetworkMode.HOST);
    }

    FsRef run(ExecOp op, FsRef root, StepLog log) throws IOException, InterruptedException {
        if (!op.mounts().isEmpty()) {
            throw new StepFailedException("RUN --mount is not supported by this version");
        }
        layers.ensure(root);
        try (ActiveSnapshot active = layers.snapshotter().prepare(root.snapshot())) {
            List<String> env = new ArrayList<>(op.env());
            env.addAll(op.proxyEnv());
            ExecRequest request = new ExecRequest(active.root(), op.args(), env, op.cwd(), op.user(), HOSTNAME,
                    network(op.network(), defaultNetwork), "insecure".equals(op.security()), List.of(), extraHosts, 0);
            ExecResult result = executor.run(request, log::write);
            if (!result.succeeded()) {
                throw new StepFailedException("process \"" + String.join(" ", op.args())
                        + "\" did not complete successfully: exit code: " + result.exitCode(), result.exitCode());
            }
            return layers.commit(active, root);
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
