package dev.stagecraft.frontend;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import dev.stagecraft.dockerfile.instruction.Instruction;
import dev.stagecraft.dockerfile.instruction.InstructionParser;
import dev.stagecraft.dockerfile.instruction.OnbuildInstruction;
import dev.stagecraft.dockerfile.instruction.Suggestions;
import dev.stagecraft.dockerfile.parser.DockerfileParser;
import dev.stagecraft.dockerfile.parser.Node;
import dev.stagecraft.dockerfile.parser.ParseResult;
import dev.stagecraft.dockerfile.shell.ShellLex;
import dev.stagecraft.frontend.DockerfileFrontend.StateTable;
import dev.stagecraft.graph.ImageSourceOp;
import dev.stagecraft.graph.Vertex;
import dev.stagecraft.image.ImageConfig;
import dev.stagecraft.reference.ImageReference;
import dev.stagecraft.reference.InvalidReferenceException;
import dev.stagecraft.reference.Platform;
import dev.stagecraft.text.GoText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Works out which stages the target needs and prepares their bases: base images are looked up
 * (concurrently, only for reachable stages), scratch is recognised, and ONBUILD triggers of base
 * images and base stages are turned into commands, repeating while triggers add new dependencies.
 */
final class BaseResolver {
    private static final List<String> COMMON_IMAGES = commonImageNames();

    private final ImageMetadataResolver resolver;
    private final Platform targetPlatform;
    private final StateTable table;

    BaseResolver(ImageMetadataResolver resolver, Platform targetPlatform, StateTable table) {
        this.resolver = resolver;
        this.targetPlatform = targetPlatform;
        this.table = table;
    }

    Set<DispatchState> resolveReachable(DispatchState target, ShellLex lex) {
        while (true) {
            Set<DispatchState> reachable = reachableFrom(target);
            resolveBases(reachable);
            boolean newDeps = false;
            // A trigger may add states (images it reads from); like Go's range, visit only those already there.
            for (DispatchState d : List.copyOf(table.states)) {
                if (reachable.contains(d) && !d.unregistered) {
                    newDeps |= initOnBuild(d, lex);
                }
            }
            if (!newDeps) {
                return reachable;
            }
        }
    }

    /** The target, its base chain and everything they read from, transitively. */
    private static Set<DispatchState> reachableFrom(DispatchState target) {
        Set<DispatchState> out = new LinkedHashSet<>();
        List<DispatchState> queue = new ArrayList<>(List.of(target));
        while (!queue.isEmpty()) {
            DispatchState s = queue.remove(queue.size() - 1);
            if (!out.add(s)) {
                continue;
            }
            if (s.base != null) {
                queue.add(s.base);
            }
            queue.addAll(s.deps.keySet());
        }
        return out;
    }

    private void resolveBases(Set<DispatchState> reachable) {
        List<DispatchState> pending = new ArrayList<>();
        for (DispatchState d : List.copyOf(table.states)) {
            if (d.base != null || d.dispatched || d.resolved) {
                continue;
            }
            boolean isReachable = reachable.contains(d);
            d.resolved = isReachable;
            if (d.isScratchBase()) {
                d.image = ImageBuilder.scratch(targetPlatform);
                d.platform = targetPlatform;
                d.dispatched |= d.unregistered;
                continue;
            }
            // Validated even when unused; looked up only when needed. An image state that is not
            // needed now stays unresolved, so an ONBUILD trigger that needs it later gets it.
            parseReference(d);
            if (isReachable) {
                pending.add(d);
            }
        }
        resolveConcurrently(pending);
    }

    private static ImageReference parseReference(DispatchState d) {
        try {
            return ImageReference.parse(d.baseName);
        } catch (InvalidReferenceException e) {
            throw new DockerfileException("failed to parse stage name " + GoText.quote(d.baseName) + ": "
                    + e.getMessage(), location(d));
        }
    }

    private void resolveConcurrently(List<DispatchState> pending) {
        if (pending.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(pending.size(), 8), r -> {
            Thread t = new Thread(r, "stagecraft-resolve");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Void>> futures = pending.stream()
                    .map(d -> CompletableFuture.runAsync(() -> resolveImage(d), pool)).toList();
            // Report the first failure in file order, so the same Dockerfile always gives the same error.
            for (CompletableFuture<Void> f : futures) {
                try {
                    f.join();
                } catch (CompletionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void resolveImage(DispatchState d) {
        String origName = d.baseName;
        ImageReference ref = parseReference(d).withDefaultTag();
        Platform platform = d.platform != null ? d.platform : targetPlatform;
        d.baseName = ref.toString();
        ResolvedImage resolved;
        try {
            resolved = resolver.resolve(ref, platform);
        } catch (StagecraftException e) {
            String msg = origName + ": " + e.getMessage();
            List<String> candidates = new ArrayList<>(table.names());
            candidates.addAll(COMMON_IMAGES);
            String suggested = Suggestions.closest(origName, candidates).map(s -> msg + " (did you mean " + s + "?)")
                    .orElse(msg);
            throw new DockerfileException(suggested, suggested, List.of(location(d)), e);
        }
        ImageConfig config = resolved.config();
        d.baseConfigKnown = config != null;
        d.image = config != null ? ImageBuilder.from(config) : ImageBuilder.scratch(platform).withoutDefaults();
        d.baseName = resolved.reference().toString();
        d.platform = platform;
        boolean scratch = config != null && d.image.hasNoLayers();
        if (!scratch) {
            String name = StepNames.prefix(d, "FROM " + d.baseName, false);
            d.state = new Vertex(new ImageSourceOp(d.baseName, platform.format()), List.of(), name);
            if (!d.unregistered) {
                d.steps.add(new PlannedStep("FROM", name, location(d), false, d.state));
            }
        }
        d.dispatched |= d.unregistered;
    }

    /** Prepends the ONBUILD triggers of {@code d}'s base; true when they add dependencies. */
    private boolean initOnBuild(DispatchState d, ShellLex lex) {
        List<String> triggers = new ArrayList<>();
        if (d.base == null) {
            if (d.image != null && d.image.onBuild != null) {
                triggers.addAll(d.image.onBuild);
                d.image.onBuild = null;
            }
        } else if (!d.onBuildInit) {
            for (DispatchState.Command c : d.base.commands) {
                if (c.instruction() instanceof OnbuildInstruction ob) {
                    triggers.add(ob.expression());
                }
            }
            d.onBuildInit = true;
        }
        if (triggers.isEmpty()) {
            return false;
        }
        List<DispatchState.Command> commands = new ArrayList<>();
        for (String trigger : triggers) {
            Instruction ins = parseTrigger(trigger, d.stage.location());
            commands.add(DependencyGraph.toCommand(ins, table, lex, true));
        }
        List<DispatchState.Command> all = new ArrayList<>(commands);
        all.addAll(d.commands);
        d.commands = all;
        d.cmdTotal += commands.size();
        return DependencyGraph.recordDependencies(d, commands, table);
    }

    /** Parses one trigger with default parser settings, placed at the stage's FROM line. */
    private static Instruction parseTrigger(String trigger, SourceRange at) {
        ParseResult ast;
        try {
            ast = DockerfileParser.parse(trigger.getBytes(StandardCharsets.UTF_8));
        } catch (DockerfileException e) {
            throw new DockerfileException(e.reason(), at);
        }
        if (ast.instructions().size() != 1) {
            throw new DockerfileException("onbuild trigger should be a single expression", at);
        }
        Node n = ast.instructions().get(0);
        Node placed = new Node(n.keyword(), n.flags(), n.args(), n.json(), n.original(), at, n.heredocs(),
                n.prevComments(), n.subInstruction());
        try {
            return InstructionParser.parseInstruction(placed);
        } catch (DockerfileException e) {
            // BuildKit types a trigger with ParseCommand, which adds no "dockerfile parse error" prefix.
            throw new DockerfileException(e.reason(), at);
        }
    }

    static SourceRange location(DispatchState d) {
        return d.stage != null ? d.stage.location() : d.sourceLocation;
    }

    private static List<String> commonImageNames() {
        List<String> out = new ArrayList<>();
        for (String name : List.of("alpine", "busybox", "centos", "debian", "golang", "ubuntu", "fedora")) {
            out.addAll(List.of(name, "docker.io/library" + name, name + ":latest",
                    "docker.io/library" + name + ":latest"));
        }
        return out;
    }
}
