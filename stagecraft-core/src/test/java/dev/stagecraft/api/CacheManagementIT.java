package dev.stagecraft.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.api.event.BuildListener;
import dev.stagecraft.api.event.BuildStep;
import dev.stagecraft.snapshot.SnapshotCollector;
import dev.stagecraft.testing.BusyboxRootfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cache management end to end, with real builds on a busybox base: {@code du} lists the records,
 * {@code prune --filter until} and {@code --keep-storage} remove the right ones and the blobs only
 * they held, the collection after a build shrinks a root over its limit, and unpacked layers
 * nothing uses are removed unless a build is using snapshots. Age is simulated by setting record
 * files' modification times (their last use) into the past.
 */
class CacheManagementIT {
    private static final String BASE = "stagecraft.test/busybox:1";

    @TempDir
    Path tmp;
    Path root;
    Path context;
    Images images;

    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
    private final List<String> cached = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void baseImage() throws Exception {
        root = tmp.resolve("root");
        images = Images.open(root);
        images.importTree(BusyboxRootfs.create(tmp.resolve("rootfs")), BASE, null);
        context = Files.createDirectories(tmp.resolve("context"));
    }

    /** A one-RUN Dockerfile whose step writes {@code kib} KiB of random (incompressible) bytes. */
    private static String writing(String name, int kib) {
        return "FROM " + BASE + "\nRUN head -c " + (kib * 1024) + " /dev/urandom > /" + name + "\n";
    }

    private BuildResult build(String dockerfile, Consumer<BuildRequest.Builder> options) throws Exception {
        ran.clear();
        cached.clear();
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        BuildRequest.Builder b = BuildRequest.builder(context).root(root).cacheKeepStorage(0)
                .listener(new BuildListener() {
                    @Override
                    public void stepStarted(BuildStep step) {
                        ran.add(step.name());
                    }

                    @Override
                    public void stepCached(BuildStep step) {
                        cached.add(step.name());
                    }

                    @Override
                    public void warning(String message) {
                        warnings.add(message);
                    }
                });
        options.accept(b);
        return Stagecraft.build(b.build());
    }

    private BuildResult build(String dockerfile) throws Exception {
        return build(dockerfile, b -> { });
    }

    private List<String> runs(List<String> steps) {
        return steps.stream().filter(s -> s.contains(" RUN ")).toList();
    }

    private BuildCacheRecord record(String stepText) {
        List<BuildCacheRecord> found = images.cacheRecords().stream().filter(r -> r.step().contains(stepText)).toList();
        assertThat(found).as("records made by " + stepText).hasSize(1);
        return found.get(0);
    }

    private boolean hasRecord(String stepText) {
        return images.cacheRecords().stream().anyMatch(r -> r.step().contains(stepText));
    }

    private void lastUsed(BuildCacheRecord r, Instant when) throws Exception {
        Path file = root.resolve("cache/records").resolve(r.key().substring("sha256:".length()) + ".json");
        Files.setLastModifiedTime(file, FileTime.from(when));
    }

    private long blobSize(String digest) throws Exception {
        Path p = blobPath(digest);
        return Files.exists(p) ? Files.size(p) : -1;
    }

    private Path blobPath(String digest) {
        return root.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }

    private String lastBlob(BuildCacheRecord r) throws Exception {
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                root.resolve("cache/records").resolve(r.key().substring("sha256:".length()) + ".json").toFile());
        com.fasterxml.jackson.databind.JsonNode layers = json.get("layers");
        return layers.get(layers.size() - 1).get("blob").get("digest").asText();
    }

    private String lastDiffId(BuildCacheRecord r) throws Exception {
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                root.resolve("cache/records").resolve(r.key().substring("sha256:".length()) + ".json").toFile());
        com.fasterxml.jackson.databind.JsonNode layers = json.get("layers");
        return layers.get(layers.size() - 1).get("diffId").asText();
    }

    @Test
    void duListsEveryRecordWithItsStepSizeAndTimes() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        build("FROM " + BASE + "\nRUN head -c 8192 /dev/urandom > /one\nRUN echo two > /two\n");

        List<BuildCacheRecord> records = images.cacheRecords();
        assertThat(records).extracting(BuildCacheRecord::step)
                .anySatisfy(s -> assertThat(s).contains("RUN head -c 8192"))
                .anySatisfy(s -> assertThat(s).contains("RUN echo two"));
        BuildCacheRecord one = record("RUN head -c 8192");
        assertThat(one.sizeBytes()).isEqualTo(blobSize(lastBlob(one))).isGreaterThan(8192);
        assertThat(one.shortKey()).hasSize(12).isEqualTo(one.key().substring(7, 19));
        assertThat(one.created()).isAfter(before);
        assertThat(one.lastUsed()).isAfter(before);

        // Most recently used first.
        lastUsed(one, Instant.now().minus(Duration.ofHours(2)));
        assertThat(images.cacheRecords().get(images.cacheRecords().size() - 1).key()).isEqualTo(one.key());

        StoreUsage usage = images.usage();
        assertThat(usage.cacheRecords()).isEqualTo(records.size());
        // The build was not tagged: its layers are held by the cache alone; the base's by its image.
        long own = one.sizeBytes() + record("RUN echo two").sizeBytes();
        assertThat(usage.cacheReclaimableBytes()).isEqualTo(own);
        assertThat(usage.cacheBytes()).isGreaterThan(own);
    }

    @Test
    void pruneUntilRemovesOnlyOldRecordsAndTheBlobsOnlyTheyHeld() throws Exception {
        String oldFile = writing("old", 16);
        String newFile = writing("new", 16);
        build(oldFile);
        build(newFile);
        BuildCacheRecord old = record("> /old");
        BuildCacheRecord recent = record("> /new");
        String oldBlob = lastBlob(old);
        String newBlob = lastBlob(recent);
        lastUsed(old, Instant.now().minus(Duration.ofHours(3)));

        PruneResult result = images.prune(PruneOptions.DEFAULT.withUntil(Duration.ofHours(1)));

        assertThat(result.removedRecords()).isEqualTo(1);
        assertThat(hasRecord("> /old")).isFalse();
        assertThat(hasRecord("> /new")).isTrue();
        assertThat(result.deletedBlobs()).contains(oldBlob).doesNotContain(newBlob);
        assertThat(blobSize(oldBlob)).isEqualTo(-1);
        assertThat(blobSize(newBlob)).isPositive();
        assertThat(images.inspect(BASE).digest()).startsWith("sha256:");

        build(oldFile);
        assertThat(runs(ran)).hasSize(1);
        build(newFile);
        assertThat(runs(cached)).hasSize(1);
    }

    @Test
    void pruneWithoutOptionsKeepsEveryRecord() throws Exception {
        build(writing("kept", 4));
        lastUsed(record("> /kept"), Instant.now().minus(Duration.ofDays(30)));
        PruneResult result = images.prune(PruneOptions.DEFAULT);
        assertThat(result.removedRecords()).isZero();
        assertThat(hasRecord("> /kept")).isTrue();
        build(writing("kept", 4));
        assertThat(runs(cached)).hasSize(1);
    }

    @Test
    void keepStorageKeepsTheMostRecentlyUsedRecords() throws Exception {
        build(writing("a", 32));
        build(writing("b", 32));
        build(writing("c", 32));
        Instant now = Instant.now();
        // b is the oldest, then a, then c.
        lastUsed(record("> /b"), now.minus(Duration.ofHours(3)));
        lastUsed(record("> /a"), now.minus(Duration.ofHours(2)));
        lastUsed(record("> /c"), now.minus(Duration.ofHours(1)));
        long c = record("> /c").sizeBytes();
        long a = record("> /a").sizeBytes();

        PruneResult result = images.prune(PruneOptions.DEFAULT.withKeepStorage(a + c));
        assertThat(result.removedRecords()).isEqualTo(1);
        assertThat(hasRecord("> /b")).isFalse();
        assertThat(hasRecord("> /a")).isTrue();

        result = images.prune(PruneOptions.DEFAULT.withKeepStorage(c));
        assertThat(result.removedRecords()).isEqualTo(1);
        assertThat(hasRecord("> /a")).isFalse();
        assertThat(hasRecord("> /c")).isTrue();
        assertThat(images.usage().cacheReclaimableBytes()).isEqualTo(c);
    }

    @Test
    void theCollectionAfterABuildShrinksARootOverItsLimitAndTheNextBuildStillWorks() throws Exception {
        String first = writing("first", 256);
        String second = writing("second", 256);
        build(first);
        String firstBlob = lastBlob(record("> /first"));
        lastUsed(record("> /first"), Instant.now().minus(Duration.ofHours(1)));
        long stored = storedBytes();
        // Room for everything but one of the two 256 KiB layers.
        long limit = stored + 128 * 1024;

        BuildResult result = build(second, b -> b.cacheKeepStorage(limit));

        assertThat(result.stepsRun()).isPositive();
        assertThat(warnings).isEmpty();
        assertThat(hasRecord("> /first")).isFalse();
        assertThat(hasRecord("> /second")).isTrue();
        assertThat(blobSize(firstBlob)).isEqualTo(-1);
        assertThat(storedBytes()).isLessThanOrEqualTo(limit);

        build(first);
        assertThat(runs(ran)).hasSize(1);
        build(second);
        assertThat(runs(cached)).hasSize(1);
    }

    @Test
    void aRootWithinItsLimitIsLeftAlone() throws Exception {
        build(writing("small", 4));
        long stored = storedBytes();
        build(writing("other", 4), b -> b.cacheKeepStorage(stored * 10));
        assertThat(hasRecord("> /small")).isTrue();
        assertThat(hasRecord("> /other")).isTrue();
        assertThat(warnings).isEmpty();
    }

    @Test
    void pruneRemovesUnpackedLayersNothingUsesButNotWhileABuildUsesSnapshots() throws Exception {
        String dockerfile = writing("unpacked", 64);
        build(dockerfile);
        String diffId = lastDiffId(record("> /unpacked"));
        Path layer = root.resolve("snapshots/overlay/layers").resolve(diffId.substring("sha256:".length()));
        assertThat(layer).as("the overlay snapshotter is used on this machine").isDirectory();
        int baseLayers = countLayers();

        // A build holds the snapshots: the layer stays, though its record goes.
        PruneResult held;
        try (SnapshotCollector.Hold use = SnapshotCollector.inUse(root.resolve("snapshots"))) {
            held = images.prune(PruneOptions.DEFAULT.withUntil(Duration.ZERO));
        }
        assertThat(held.removedRecords()).isEqualTo(1);
        assertThat(held.removedLayers()).isZero();
        assertThat(layer).isDirectory();

        PruneResult result = images.prune(PruneOptions.DEFAULT);
        assertThat(result.removedLayers()).isEqualTo(1);
        assertThat(result.layerBytesFreed()).isGreaterThanOrEqualTo(64 * 1024);
        assertThat(result.totalBytesFreed()).isEqualTo(result.bytesFreed() + result.layerBytesFreed());
        assertThat(layer).doesNotExist();
        // The base image's layers stay: its image uses them.
        assertThat(countLayers()).isEqualTo(baseLayers - 1);
        try (Stream<Path> left = Files.list(root.resolve("snapshots/overlay/tmp"))) {
            assertThat(left).isEmpty();
        }

        build(dockerfile);
        assertThat(runs(ran)).hasSize(1);
        assertThat(layer.getParent()).isDirectory();
        // A record's layers stay: a cached build needs nothing unpacked again.
        assertThat(images.prune(PruneOptions.DEFAULT).removedLayers()).isZero();
        build(dockerfile);
        assertThat(runs(cached)).hasSize(1);
    }

    @Test
    void aCollectionThatFailsAfterABuildIsAWarningNotAFailure() throws Exception {
        build(writing("first", 8));
        // An unused "layer" that cannot be moved away (immutable): the collection of unpacked layers fails.
        Path stuck = Files.createDirectories(root.resolve("snapshots/overlay/layers").resolve("e".repeat(64)));
        chattr("+i", stuck);
        try {
            BuildResult result = build(writing("second", 8), b -> b.cacheKeepStorage(1));
            assertThat(result.stepsRun()).isPositive();
            assertThat(warnings).singleElement().asString()
                    .startsWith("the build cache could not be collected after the build (" + root + "): ");
            assertThat(stuck).isDirectory();
        } finally {
            chattr("-i", stuck);
        }
        // The next build works, and reruns what the collection dropped before it failed.
        warnings.clear();
        build(writing("first", 8));
        assertThat(runs(ran)).hasSize(1);
        assertThat(warnings).isEmpty();
    }

    private static void chattr(String flag, Path path) throws Exception {
        Process p = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("chattr %s %s (e2fsprogs, on a file system with immutable files): %s", flag, path,
                output).isZero();
    }

    private int countLayers() throws Exception {
        try (Stream<Path> s = Files.list(root.resolve("snapshots/overlay/layers"))) {
            return (int) s.count();
        }
    }

    private long storedBytes() throws Exception {
        return images.usage().totalBytes();
    }
}
