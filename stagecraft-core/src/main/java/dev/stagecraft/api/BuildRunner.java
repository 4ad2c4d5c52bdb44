package dev.stagecraft.api;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.api.event.BuildListener;
import dev.stagecraft.api.event.BuildStep;
import dev.stagecraft.archive.Compression;
import dev.stagecraft.cache.BuildRecords;
import dev.stagecraft.cache.CacheKeys;
import dev.stagecraft.content.Lease;
import dev.stagecraft.content.Leases;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.ReferenceStore;
import dev.stagecraft.context.BuildContext;
import dev.stagecraft.context.ContentChecksums;
import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.exec.Executors;
import dev.stagecraft.export.Exporters;
import dev.stagecraft.export.ImageAssembler;
import dev.stagecraft.export.OutputSpec;
import dev.stagecraft.frontend.DockerfileFrontend;
import dev.stagecraft.frontend.FrontendOptions;
import dev.stagecraft.frontend.FrontendResult;
import dev.stagecraft.frontend.PlannedStep;
import dev.stagecraft.frontend.StagePlan;
import dev.stagecraft.graph.Vertex;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.io.FileTrees;
import dev.stagecraft.reference.InvalidPlatformException;
import dev.stagecraft.reference.Platform;
import dev.stagecraft.registry.Registries;
import dev.stagecraft.registry.RegistryOptions;
import dev.stagecraft.snapshot.SnapshotCollector;
import dev.stagecraft.snapshot.Snapshotter;
import dev.stagecraft.snapshot.Snapshotters;
import dev.stagecraft.solver.ResultCache;
import dev.stagecraft.solver.SolveException;
import dev.stagecraft.solver.SolveListener;
import dev.stagecraft.solver.Solver;
import dev.stagecraft.worker.FsRef;
import dev.stagecraft.worker.Ref;
import dev.stagecraft.worker.StepCache;
import dev.stagecraft.worker.StepFailedException;
import dev.stagecraft.worker.Worker;
import dev.stagecraft.worker.WorkerSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs one build: front end, solver, image assembly, outputs. */
final class BuildRunner {
    private static final Duration LEASE_TTL = Duration.ofHours(24);

    private final BuildRequest request;
    private final BuildListener listener;

    BuildRunner(BuildRequest request) {
        this.request = request;
        this.listener = request.listener();
    }

    BuildResult run() throws InterruptedException {
        Path root = request.root();
        Path streamed = null;
        try {
            Path context = request.context();
            byte[] content = request.dockerfileContent();
            Path dockerfile = request.dockerfile();
            if (request.contextStream() != null) {
                streamed = Files.createDirectories(root.resolve("tmp")).resolve("context-" + UUID.randomUUID());
                byte[] alone = StreamedContext.unpack(request.contextStream(), streamed);
                Files.createDirectories(streamed);
                context = streamed;
                if (alone != null && content == null) {
                    content = alone;
                }
                if (dockerfile == null) {
                    dockerfile = streamed.resolve("Dockerfile");
                }
            } else if (!Files.isDirectory(context)) {
                throw new StagecraftException("unable to prepare context: path \"" + context
                        + "\" not found or not a directory");
            }
            if (content == null) {
                content = readDockerfile(dockerfile);
            } else if (request.dockerfile() == null) {
                dockerfile = Path.of("Dockerfile");
            }
            BuildResult result;
            try (SnapshotCollector.Hold use = SnapshotCollector.inUse(root.resolve("snapshots"))) {
                result = run(root, context, dockerfile, content);
            }
            AutoCollection.afterBuild(root, request.cacheKeepStorage(), listener);
            return result;
        } catch (IOException e) {
            throw new StagecraftException("build failed: " + e.getMessage(), e);
        } finally {
            if (streamed != null) {
                deleteTree(streamed);
            }
        }
    }

    private BuildResult run(Path root, Path context, Path dockerfile, byte[] content)
            throws IOException, InterruptedException {
        List<OutputSpec> outputs = outputs();
        LocalContentStore store = LocalContentStore.open(root);
        ReferenceStore references = ReferenceStore.open(root);
        Leases leases = Leases.open(root);
        Registries registries = new Registries(RegistryOptions.defaults()
                .withInsecureRegistries(request.insecureRegistries().toArray(String[]::new)));
        CacheSharing sharing = new CacheSharing(request);
        try (Lease lease = leases.create("build " + UUID.randomUUID(), LEASE_TTL)) {
            StoreImageResolver images = new StoreImageResolver(store, references, lease, registries, request.pull());
            FrontendResult plan = convert(dockerfile, content, images);
            plan.warnings().forEach(w -> listener.warning(w.toString()));
            Snapshotter snapshotter = Snapshotters.open(root.resolve("snapshots"), request.snapshotter());
            Executors.Selection selected = Executors.select(request.isolation(),
                    Optional.ofNullable(request.runtime()), root.resolve("run"));
            selected.warning().ifPresent(listener::warning);
            Worker worker = new Worker(new WorkerSetup(store, lease, snapshotter, selected.executor(), images,
                    Map.of("context", BuildContext.open(context, dockerfile)), compression(), request.extraHosts(), request.network()));
            ContentChecksums checksums = ContentChecksums.open(root.resolve("cache").resolve("checksums"));
            CacheRecorder recorder = new CacheRecorder(plan, NoCacheFilter.vertices(plan, request.noCacheFilter()),
                    request.noCache());
            StepCache cache = new StepCache(new CacheKeys(checksums, recorder.observer()), BuildCaches.index(root),
                    store, lease, !request.noCache(), cacheSettings(), sharing.imports(registries, store, lease),
                    sharing.records());
            StagePlan target = plan.targetStage();
            Steps steps = new Steps(plan);
            FsRef fs;
            try {
                fs = solve(worker, recorder.around(cache), target.result(), steps, dockerfile, content);
            } finally {
                saveChecksums(checksums);
            }
            // A Dockerfile inside a streamed context has a new path each time: nothing to compare with.
            boolean comparable = request.contextStream() == null || request.dockerfile() != null;
            recorder.finish(comparable ? BuildRecords.of(root) : null,
                    dockerfile.toAbsolutePath().normalize().toString(), request.target(), target.result(),
                    cacheSettings(), request.explainCache(), listener);
            String created = DateTimeFormatter.ISO_INSTANT.format(Instant.now());
            ImageDocument.OfManifest manifest = new ImageAssembler(store, lease)
                    .assemble(target.image(), fs, request.labels(), created, false);
            manifest = sharing.inline(manifest, target.result(), store, lease, registries);
            Exporters exporters = new Exporters(store, references, registries, worker::view, request.stdout());
            LinkedHashSet<String> names = new LinkedHashSet<>();
            for (OutputSpec output : outputs) {
                names.addAll(exporters.export(output, manifest.descriptor(), fs, request.tags()));
            }
            sharing.export(target.result(), store, lease, registries);
            return new BuildResult(manifest.digest().toString(), manifest.manifest().config().digest(),
                    new ArrayList<>(names), manifest.manifest().layers().size(), steps.ran.get(), steps.cached.get());
        }
    }

    private static void deleteTree(Path dir) {
        try {
            FileTrees.deleteRecursively(dir);
        } catch (IOException e) {
            // left for the next prune of root/tmp; the build's result does not depend on it
        }
    }

    private List<OutputSpec> outputs() {
        List<OutputSpec> out = new ArrayList<>();
        for (String spec : request.outputs()) {
            out.add(OutputSpec.parse(spec));
        }
        if (out.isEmpty()) {
            out.add(new OutputSpec("image", request.push() ? Map.of("push", "true") : Map.of()));
        } else if (request.push()) {
            out.add(new OutputSpec("image", Map.of("push", "true")));
        }
        return out;
    }

    /**
     * What changes a step's result without being in its op: the layer compression, the network a
     * RUN's {@code default} means, and the names {@code --add-host} adds (BuildKit keys the host
     * names of extra hosts, not their addresses).
     */
    private String cacheSettings() {
        List<String> hosts = new ArrayList<>();
        for (String h : request.extraHosts()) {
            int colon = h.indexOf(':');
            hosts.add(colon >= 0 ? h.substring(0, colon) : h);
        }
        return "compression=" + request.compression() + "\nnetwork=" + request.network() + "\nhosts=" + hosts;
    }

    private static void saveChecksums(ContentChecksums checksums) {
        try {
            checksums.save();
        } catch (IOException e) {
            // The next build hashes the context files again; nothing else depends on it.
        }
    }

    private Compression compression() {
        return switch (request.compression()) {
            case "gzip" -> Compression.GZIP;
            case "zstd" -> Compression.ZSTD;
            case "uncompressed" -> Compression.NONE;
            default -> throw new StagecraftException("unknown compression " + request.compression()
                    + " (gzip, zstd or uncompressed)");
        };
    }

    private FrontendResult convert(Path file, byte[] content, StoreImageResolver images) {
        Platform target = null;
        if (request.platform() != null && !request.platform().isEmpty()) {
            try {
                target = Platform.parse(request.platform(), FrontendOptions.defaultBuildPlatform());
            } catch (InvalidPlatformException e) {
                throw new StagecraftException("invalid --platform \"" + request.platform() + "\": " + e.getMessage());
            }
        }
        FrontendOptions options = new FrontendOptions(request.target(), request.orderedBuildArgs(),
                FrontendOptions.defaultBuildPlatform(), target);
        try {
            return DockerfileFrontend.convert(content, options, images);
        } catch (DockerfileException e) {
            throw new DockerfileError(file, content, e);
        }
    }

    private FsRef solve(Worker worker, ResultCache<Ref> cache, Vertex target, Steps steps, Path file, byte[] content)
            throws InterruptedException {
        if (target == null) {
            return FsRef.SCRATCH;
        }
        Solver<Ref> solver = new Solver<>(worker, cache, steps, request.jobs());
        try {
            return (FsRef) solver.solve(target);
        } catch (SolveException e) {
            PlannedStep step = steps.byDigest.get(e.vertex().digest());
            String name = step != null ? step.text() : String.valueOf(e.vertex().name());
            int line = step != null && step.location() != null ? step.location().startLine() : 0;
            String excerpt = step != null && step.location() != null
                    ? DockerfileError.excerpt(file, content, List.of(step.location())) : "";
            int exit = e.getCause() instanceof StepFailedException f ? f.exitCode() : 0;
            throw new BuildError(e.getMessage(), e.getCause(), name, file, line, exit, e.outputTail(), excerpt);
        }
    }

    /** The Dockerfile's bytes, or BuildKit's wording for a file that is not there. */
    static byte[] readDockerfile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new StagecraftException("failed to read dockerfile: open " + file + ": no such file or directory");
        } catch (IOException e) {
            throw new StagecraftException("failed to read dockerfile " + file + ": " + e.getMessage(), e);
        }
    }

    /** Maps solver events to the build's listener, with the steps' Dockerfile names. */
    private final class Steps implements SolveListener {
        final Map<String, PlannedStep> byDigest = new HashMap<>();
        final AtomicInteger ran = new AtomicInteger();
        final AtomicInteger cached = new AtomicInteger();

        Steps(FrontendResult plan) {
            for (StagePlan stage : plan.stages()) {
                for (PlannedStep step : stage.steps()) {
                    if (step.vertex() != null) {
                        byDigest.putIfAbsent(step.vertex().digest(), step);
                    }
                }
            }
        }

        private BuildStep step(Vertex v) {
            PlannedStep s = byDigest.get(v.digest());
            return new BuildStep(v.digest(), s != null ? s.text() : String.valueOf(v.name()));
        }

        @Override
        public void started(Vertex vertex) {
            ran.incrementAndGet();
            listener.stepStarted(step(vertex));
        }

        @Override
        public void cached(Vertex vertex, String key) {
            cached.incrementAndGet();
            listener.stepCached(step(vertex));
        }

        @Override
        public void log(Vertex vertex, int stream, byte[] bytes, int offset, int length) {
            listener.stepLog(step(vertex), stream, bytes, offset, length);
        }

        @Override
        public void completed(Vertex vertex, Duration took) {
            listener.stepCompleted(step(vertex), took);
        }

        @Override
        public void failed(Vertex vertex, Throwable error, boolean cancelled) {
            listener.stepFailed(step(vertex), String.valueOf(error.getMessage()), cancelled);
        }
    }
}
