package dev.stagecraft.frontend;

import dev.stagecraft.graph.ExecOp;
import dev.stagecraft.graph.FileAction;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.graph.Vertex;
import dev.stagecraft.image.ContainerConfig;
import dev.stagecraft.image.History;
import dev.stagecraft.image.ImageConfig;
import dev.stagecraft.image.RootFs;
import dev.stagecraft.reference.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Shared helpers for the semantic frontend tests: a fixed build platform (linux/amd64, so results
 * do not depend on the machine) and a few more base images than {@link TestImages} has.
 */
final class Fixtures {
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    static final Platform AMD64 = Platform.of("linux", "amd64");
    static final Platform ARM64 = Platform.of("linux", "arm64");
    static final String LABELS_DIGEST = "sha256:" + "e".repeat(64);
    static final String ARM_DIGEST = "sha256:" + "f".repeat(64);
    static final String ONBUILD_FROM_DIGEST = "sha256:" + "0".repeat(64);
    static final String EMPTY_DIGEST = "sha256:" + "9".repeat(64);
    static final String WINDOWS_DIGEST = "sha256:" + "8".repeat(64);

    private Fixtures() {
    }

    /** Last stage, no build args, built on and for linux/amd64 (an implicit target). */
    static FrontendOptions options() {
        return new FrontendOptions(null, Map.of(), AMD64, null);
    }

    static FrontendOptions withArgs(Map<String, String> args) {
        return options().withBuildArgs(args);
    }

    static FrontendResult convert(String dockerfile) {
        return convert(dockerfile, options());
    }

    static FrontendResult convert(String dockerfile, FrontendOptions options) {
        return DockerfileFrontend.convert(dockerfile.getBytes(StandardCharsets.UTF_8), options, resolver());
    }

    /** The images of {@link TestImages} plus the ones below. */
    static StaticImageResolver resolver() {
        ContainerConfig labelled = new ContainerConfig("nobody", Map.of("22/tcp", Map.of()), List.of("FOO=1"),
                null, List.of("base-cmd"), null, "/srv", Map.of("a", "1", "b", "base"), null, false, null, null,
                null);
        ContainerConfig onbuildFrom = new ContainerConfig(null, null, List.of(DEFAULT_PATH), null, null, null, null,
                null, null, false, null, List.of("COPY --from=assets /a /a"), null);
        ContainerConfig plain = new ContainerConfig(null, null, List.of(DEFAULT_PATH), null, null, null, null, null,
                null, false, null, null, null);
        return TestImages.resolver()
                .add("example/labels:1", LABELS_DIGEST, withLayer(labelled, "linux", "amd64", null))
                .add("example/arm:1", ARM_DIGEST, withLayer(plain, "linux", "arm64", "v8"))
                .add("example/onbuild-from:1", ONBUILD_FROM_DIGEST, withLayer(onbuildFrom, "linux", "amd64", null))
                .add("example/windows:1", WINDOWS_DIGEST, withLayer(ContainerConfig.empty(), "windows", "amd64", null))
                .add("example/empty:1", EMPTY_DIGEST, new ImageConfig(null, null, "amd64", "linux", null, null, plain,
                        RootFs.layers(), List.of(new History(null, "LABEL x=y", null, null, true))));
    }

    private static ImageConfig withLayer(ContainerConfig config, String os, String arch, String variant) {
        return new ImageConfig("2024-01-01T00:00:00Z", null, arch, os, null, variant, config,
                new RootFs("layers", List.of("sha256:" + "2".repeat(64))),
                List.of(new History("2024-01-01T00:00:00Z", "ADD rootfs.tar /", null, null, false)));
    }

    static StagePlan stage(FrontendResult r, String displayName) {
        return r.stages().stream().filter(s -> s.displayName().equals(displayName)).findFirst().orElseThrow();
    }

    static ImageConfig image(FrontendResult r) {
        return r.targetStage().image();
    }

    static ContainerConfig config(FrontendResult r) {
        return image(r).config();
    }

    /** The {@code created_by} texts of the history entries stagecraft wrote (base entries dropped). */
    static List<String> ownHistory(ImageConfig image) {
        return image.history().stream().filter(h -> ImageBuilder.HISTORY_COMMENT.equals(h.comment()))
                .map(History::createdBy).toList();
    }

    static List<Boolean> ownEmptyFlags(ImageConfig image) {
        return image.history().stream().filter(h -> ImageBuilder.HISTORY_COMMENT.equals(h.comment()))
                .map(History::emptyLayer).toList();
    }

    /** The steps of a stage whose keyword is {@code keyword}, in order. */
    static List<PlannedStep> steps(StagePlan s, String keyword) {
        return s.steps().stream().filter(p -> p.keyword().equals(keyword)).toList();
    }

    /** The exec op of the n-th RUN (0-based) of a stage. */
    static ExecOp run(StagePlan s, int n) {
        return (ExecOp) steps(s, "RUN").get(n).vertex().op();
    }

    static ExecOp lastRun(FrontendResult r) {
        List<PlannedStep> runs = steps(r.targetStage(), "RUN");
        return (ExecOp) runs.get(runs.size() - 1).vertex().op();
    }

    /** The copy actions of a file vertex. */
    static List<FileAction.Copy> copies(Vertex v) {
        FileOp op = (FileOp) v.op();
        return op.actions().stream().filter(a -> a instanceof FileAction.Copy).map(a -> (FileAction.Copy) a)
                .toList();
    }

    /** The vertices' digests of all steps of all stages, in order. */
    static List<String> digests(FrontendResult r) {
        return r.stages().stream().flatMap(s -> s.steps().stream()).filter(PlannedStep::producesLayer)
                .map(p -> p.vertex().digest()).toList();
    }
}
