package dev.stagecraft.worker;

import dev.stagecraft.context.SourceTree;
import dev.stagecraft.graph.FileAction;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.snapshot.ActiveSnapshot;
import dev.stagecraft.snapshot.Snapshotter;
import dev.stagecraft.solver.StepLog;
import dev.stagecraft.worker.file.FileActions;
import dev.stagecraft.worker.file.FileOpResult;
import dev.stagecraft.worker.file.PasswdOwnerResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a COPY, ADD, WORKDIR or inline-document step: the actions applied to a fresh snapshot of
 * the base input (or of nothing, for {@code COPY --link}), reading sources from read-only views of
 * the other inputs or from the build context; the changes become a layer.
 */
final class FileRunner {
    private final Layers layers;

    FileRunner(Layers layers) {
        this.layers = layers;
    }

    FsRef run(FileOp op, List<Ref> inputs, StepLog log) throws IOException {
        FsRef base = Worker.fs(inputs, op.base());
        layers.ensure(base);
        Map<Integer, Snapshotter.View> views = new HashMap<>();
        try (ActiveSnapshot active = layers.snapshotter().prepare(base.snapshot())) {
            Map<Integer, SourceTree> trees = new HashMap<>();
            for (FileAction action : op.actions()) {
                if (action instanceof FileAction.Copy copy && !trees.containsKey(copy.input())) {
                    Ref in = inputs.get(copy.input());
                    if (in instanceof ContextRef context) {
                        trees.put(copy.input(), context.context().tree());
                    } else {
                        FsRef fs = (FsRef) in;
                        Snapshotter.View view = layers.snapshotter().view(layers.ensure(fs));
                        views.put(copy.input(), view);
                        trees.put(copy.input(), SourceTree.of(view.root()));
                    }
                }
            }
            FileOpResult result = FileActions.apply(op, active.root(), trees::get,
                    new PasswdOwnerResolver(active.root()));
            for (String warning : result.warnings()) {
                byte[] line = (warning + "\n").getBytes(StandardCharsets.UTF_8);
                log.write(2, line, 0, line.length);
            }
            return layers.commit(active, base, "fileop target");
        } finally {
            for (Snapshotter.View view : views.values()) {
                view.close();
            }
        }
    }
}
