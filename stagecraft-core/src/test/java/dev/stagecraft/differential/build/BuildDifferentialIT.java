package dev.stagecraft.differential.build;

import static org.assertj.core.api.Assertions.fail;

import dev.stagecraft.registry.TestRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential build suite: every case under {@code differential-build/cases} is built by the
 * real BuildKit (dockerd 20.10) and by stagecraft from the same base image, and the two results
 * must have the same filesystem tree and image config (see {@code differential-build/README.md}).
 *
 * <p>System properties: {@code differential.build.against=buildkit} compares BuildKit with a
 * second, uncached BuildKit build instead of stagecraft, which checks that the harness itself is
 * deterministic; {@code differential.build.cases=a,b} runs only those cases. BuildKit's outputs
 * are kept in {@code target/differential-build-cache}, keyed by the case's content, the base
 * layer and the daemon version.
 */
class BuildDifferentialIT {
    /** Changes whenever what a cached BuildKit outcome holds changes. */
    private static final String HARNESS_VERSION = "3";
    private static final Path MODULE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    private static final Path CORPUS = MODULE.resolve("src/test/resources/differential-build");
    private static final Path CACHE = MODULE.resolve("target/differential-build-cache");
    private static final Path WORK = MODULE.resolve("target/differential-build");
    private static final String AGAINST = System.getProperty("differential.build.against", "stagecraft");
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    private static TestRegistry registry;
    private static BaseImage base;
    private static String daemonVersion;
    private static SkipList skipList;

    static Stream<String> cases() throws IOException {
        String only = System.getProperty("differential.build.cases", "").trim();
        try (Stream<Path> dirs = Files.list(CORPUS.resolve("cases"))) {
            List<String> all = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            if (only.isEmpty()) {
                return all.stream();
            }
            List<String> wanted = Arrays.stream(only.split(",")).map(String::trim).toList();
            for (String w : wanted) {
                if (!all.contains(w)) {
                    throw new IllegalArgumentException("differential.build.cases names " + w + ", which is not a case");
                }
            }
            return wanted.stream();
        }
    }

    @BeforeAll
    static void fixture() throws Exception {
        if (!AGAINST.equals("stagecraft") && !AGAINST.equals("buildkit")) {
            throw new IllegalArgumentException("differential.build.against must be stagecraft or buildkit, not " + AGAINST);
        }
        skipList = SkipList.read(CORPUS.resolve("skip-list.txt"));
        deleteTree(WORK);
        Files.createDirectories(WORK);
        daemonVersion = DockerDaemon.ensureRunning(MODULE.resolve("../.ci/start-dockerd").normalize(), WORK);
        if (!Files.isExecutable(Path.of("/usr/bin/docker-registry"))) {
            throw new IllegalStateException("/usr/bin/docker-registry is missing: apt-get install -y docker-registry");
        }
        registry = TestRegistry.start(false);
        base = BaseImage.create(WORK, WORK.resolve("store"), registry.host());
    }

    @AfterAll
    static void stopRegistry() throws IOException {
        if (registry != null) {
            registry.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void buildsWhatBuildKitBuilds(String name) throws Exception {
        Optional<String> skipCase = skipList.caseReason(name);
        Assumptions.assumeTrue(skipCase.isEmpty(), () -> "skip-list: " + skipCase.orElse(""));
        BuildCase c = BuildCase.load(CORPUS.resolve("cases").resolve(name));
        Path work = WORK.resolve(name);
        // A new path each run: dockerd reuses a context file it has seen at the same path with the
        // same size and mtime, and staging gives every file the same mtime.
        Path context = c.stage(work.resolve("context-" + RUN), base.reference());

        BuildOutcome expected = cachedBuildKit(c, context);
        BuildOutcome actual = AGAINST.equals("stagecraft")
                ? new StagecraftBuilder(WORK.resolve("store")).build(c, base, context, work.resolve("stagecraft"))
                : new BuildKitBuilder().build(c, base, context, work.resolve("buildkit-again"), true);
        String actualName = AGAINST.equals("stagecraft") ? "stagecraft" : "buildkit-again";
        CaseComparison.Report report = new CaseComparison("buildkit", actualName, skipList)
                .compare(c, expected, actual, work);

        Map<String, String> where = new LinkedHashMap<>();
        where.put("buildkit output", expected.dir().toString());
        where.put(actualName + " output", actual.dir().toString());
        String text = CaseComparison.format(name, report, where);
        Files.writeString(work.resolve("report.txt"), text + "\n");
        if (!report.differences().isEmpty()) {
            fail(text);
        }
        Assumptions.assumeTrue(report.skipped().isEmpty(), () -> "differences excused by the skip-list:\n" + text);
    }

    /**
     * BuildKit's outcome for the case, built once per case content, base layer and daemon version.
     * Errors other than a failing RUN are not kept.
     */
    private static BuildOutcome cachedBuildKit(BuildCase c, Path context) throws IOException, InterruptedException {
        String key = sha256(String.join("\n", HARNESS_VERSION, c.contentHash(), base.layerDiffId(), daemonVersion));
        Path dir = CACHE.resolve(c.name() + "-" + key.substring(0, 16));
        Optional<BuildOutcome> cached = BuildOutcome.load(dir);
        if (cached.isPresent()) {
            return cached.get();
        }
        Path partial = CACHE.resolve(dir.getFileName() + ".partial");
        deleteTree(partial);
        BuildOutcome built = new BuildKitBuilder().build(c, base, context, partial, true);
        if (built.status() == BuildOutcome.Status.ERROR) {
            // Not a property of the case (a registry or daemon problem): build again next time.
            return built;
        }
        deleteTree(dir);
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        return BuildOutcome.load(dir).orElseThrow();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
