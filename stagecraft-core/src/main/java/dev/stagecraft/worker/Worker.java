package dev.stagecraft.worker;

import dev.stagecraft.graph.ContextSourceOp;
import dev.stagecraft.graph.ExecOp;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.graph.GitSourceOp;
import dev.stagecraft.graph.HttpSourceOp;
import dev.stagecraft.graph.ImageSourceOp;
import dev.stagecraft.graph.MergeOp;
import dev.stagecraft.graph.Op;
import dev.stagecraft.graph.Vertex;
import dev.stagecraft.solver.OpRunner;
import dev.stagecraft.solver.StepLog;
import dev.stagecraft.snapshot.Snapshotter;
import java.io.IOException;
import dev.stagecraft.context.BuildContext;
import java.util.List;

/**
 * Runs the ops of the build graph: fetches base images' layers, runs RUN steps through an
 * {@link dev.stagecraft.exec.Executor} on a snapshot, applies COPY/ADD/WORKDIR, stacks
 * {@code COPY --link} layers. Every new layer is stored as a blob and committed as a snapshot.
 */
public final class Worker implements OpRunner<Ref> {
    private final WorkerSetup setup;
    private final Layers layers;
    private final ExecRunner exec;
    private final FileRunner files;

    public Worker(WorkerSetup setup) {
        this.setup = setup;
        this.layers = new Layers(setup.store(), setup.snapshotter(), setup.lease(), setup.compression());
        this.exec = new ExecRunner(layers, setup.executor(), setup.extraHosts(), setup.network(),
                setup.store().root().resolve("tmp"));
        this.files = new FileRunner(layers);
    }

    @Override
    public Ref run(Vertex vertex, List<Ref> inputs, StepLog log) throws Exception {
        Op op = vertex.op();
        if (op instanceof ImageSourceOp image) {
            return setup.baseImages().layers(image.reference(), image.platform());
        } else if (op instanceof ContextSourceOp context) {
            BuildContext dir = setup.contexts().get(context.name());
            if (dir == null) {
                throw new StepFailedException("no build context named " + context.name());
            }
            return new ContextRef(context.name(), dir);
        } else if (op instanceof ExecOp run) {
            return exec.run(run, inputs, log);
        } else if (op instanceof FileOp file) {
            return files.run(file, inputs, log);
        } else if (op instanceof MergeOp) {
            FsRef out = FsRef.SCRATCH;
            for (int i = 0; i < inputs.size(); i++) {
                out = out.stack(fs(inputs, i));
            }
            return out;
        } else if (op instanceof HttpSourceOp http) {
            throw new StepFailedException("ADD from a URL (" + http.url() + ") is not supported by this version");
        } else if (op instanceof GitSourceOp git) {
            throw new StepFailedException("ADD from a git repository (" + git.remote() + ") is not supported by this version");
        }
        throw new IllegalStateException("unknown op " + op.getClass().getSimpleName());
    }

    /**
     * A read-only view of a built filesystem (for outputs), its layers unpacked first. The caller
     * closes it.
     */
    public Snapshotter.View view(FsRef fs) throws IOException {
        return layers.snapshotter().view(layers.ensure(fs));
    }

    static FsRef fs(List<Ref> inputs, int index) {
        if (index < 0) {
            return FsRef.SCRATCH;
        }
        if (inputs.get(index) instanceof FsRef fs) {
            return fs;
        }
        throw new IllegalStateException("input " + index + " is a build context, not a filesystem");
    }
}
