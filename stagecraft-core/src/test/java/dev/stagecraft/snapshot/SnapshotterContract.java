package dev.stagecraft.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.archive.LayerWriter;
import dev.stagecraft.archive.WrittenLayer;
import dev.stagecraft.content.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every snapshotter must do; run against each by a subclass, as root. */
abstract class SnapshotterContract {
    static final LayerWriter FIXED = LayerWriter.builder().mtime(Instant.parse("2022-01-01T00:00:00Z")).build();

    @TempDir
    Path work;
    Path state;
    Snapshotter snapshotter;
    Fixtures.Layer base;
    Fixtures.Layer second;

    /** The snapshotter under test, keeping its state in {@code dir}. */
    abstract Snapshotter open(Path dir) throws IOException;

    /** The directory holding one entry per published layer or tree. */
    abstract Path published(Path dir);

    @BeforeAll
    static void asRoot() throws IOException {
        assertThat(new com.sun.security.auth.module.UnixSystem().getUid())
                .as("snapshot ITs need root (mounts, owners, device nodes)").isZero();
    }

    @BeforeEach
    void setUp() throws IOException {
        state = work.resolve("state");
        snapshotter = open(state);
        base = Fixtures.base(work);
        second = Fixtures.second(work);
    }

    Snapshot stacked() throws IOException {
        Snapshot s = snapshotter.unpack(Snapshot.SCRATCH, base.diffId(), base.source());
        return snapshotter.unpack(s, second.diffId(), second.source());
    }

    Map<String, String> reference(Path dir, byte[]... more) throws IOException {
        List<byte[]> layers = new ArrayList<>(List.of(base.tar(), second.tar()));
        layers.addAll(List.of(more));
        return Fixtures.describe(Fixtures.extract(dir, layers));
    }

    @Test
    void unpackedLayersShowWhatTheOciExtractorMakes() throws Exception {
        Snapshot s = stacked();
        assertThat(s.diffIds()).containsExactly(base.diffId(), second.diffId());
        assertThat(snapshotter.has(s)).isTrue();
        try (Snapshotter.View v = snapshotter.view(s)) {
            Map<String, String> seen = Fixtures.describe(v.root());
            assertThat(seen).doesNotContainKeys("gone.txt", "data/dir/a", "data/dir/b")
                    .containsKeys("data/dir/c", "etc/new", "etc/passwd", "hl2", "link");
            assertThat(seen).isEqualTo(reference(work.resolve("ref")));
        }
    }

    @Test
    void diffCarriesEveryChangeExactly() throws Exception {
        Snapshot parent = stacked();
        Map<String, String> changed;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ActiveSnapshot a = snapshotter.prepare(parent)) {
            assertThat(a.isEmpty()).isTrue();
            Fixtures.change(a.root());
            assertThat(a.isEmpty()).isFalse();
            changed = Fixtures.describe(a.root());
            a.diff(LayerWriter.builder().build(), out);
        }
        assertThat(changed).doesNotContainKeys("etc/keep", "opt", "opt/x/y", "data/dir/c", "tmpfile")
                .containsKeys("run/fifo", "data/dir/d", "newlink", "etc/passwd-hl");
        assertThat(reference(work.resolve("ref"), out.toByteArray())).isEqualTo(changed);
    }

    @Test
    void committedChangesAreTheParentOfTheNextStep() throws Exception {
        Snapshot parent = stacked();
        Map<String, String> changed;
        Snapshot child;
        try (ActiveSnapshot a = snapshotter.prepare(parent)) {
            Fixtures.change(a.root());
            changed = Fixtures.describe(a.root());
            WrittenLayer w = a.diff(LayerWriter.builder().build(), new ByteArrayOutputStream());
            child = a.commit(w.diffId());
            assertThat(child).isEqualTo(parent.with(w.diffId()));
        }
        assertThat(snapshotter.has(child)).isTrue();
        try (ActiveSnapshot next = snapshotter.prepare(child)) {
            assertThat(Fixtures.describe(next.root())).isEqualTo(changed);
            assertThat(next.isEmpty()).isTrue();
        }
        try (Snapshotter.View v = snapshotter.view(child)) {
            assertThat(Fixtures.describe(v.root())).isEqualTo(changed);
        }
        assertNoWorkLeft();
    }

    @Test
    void nothingChangedGivesAnEmptyLayer() throws Exception {
        Snapshot parent = stacked();
        try (ActiveSnapshot a = snapshotter.prepare(parent)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            a.diff(FIXED, out);
            assertThat(a.isEmpty()).isTrue();
            assertThat(out.toByteArray()).hasSize(1024).containsOnly(0);
        }
    }

    @Test
    void sameChangesGiveTheSameBytes() throws Exception {
        Snapshot parent = stacked();
        byte[] first = diffOfChanges(parent);
        byte[] again = diffOfChanges(parent);
        assertThat(Digest.sha256(again)).isEqualTo(Digest.sha256(first));
        assertThat(first.length).isGreaterThan(1024);
    }

    byte[] diffOfChanges(Snapshot parent) throws Exception {
        try (ActiveSnapshot a = snapshotter.prepare(parent)) {
            Fixtures.change(a.root());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            a.diff(FIXED, out);
            ByteArrayOutputStream twice = new ByteArrayOutputStream();
            a.diff(FIXED, twice);
            assertThat(twice.toByteArray()).isEqualTo(out.toByteArray());
            return out.toByteArray();
        }
    }

    @Test
    void twoStepsCommittingTheSameLayerShareOne() throws Exception {
        Snapshot parent = stacked();
        int before = list(published(state)).size();
        try (ActiveSnapshot a = snapshotter.prepare(parent); ActiveSnapshot b = snapshotter.prepare(parent)) {
            Files.writeString(a.root().resolve("same"), "same");
            Files.writeString(b.root().resolve("same"), "same");
            WrittenLayer la = a.diff(FIXED, new ByteArrayOutputStream());
            WrittenLayer lb = b.diff(FIXED, new ByteArrayOutputStream());
            assertThat(lb.diffId()).isEqualTo(la.diffId());
            Snapshot first = a.commit(la.diffId());
            Snapshot second = b.commit(lb.diffId());
            assertThat(second).isEqualTo(first);
            try (Snapshotter.View v = snapshotter.view(first)) {
                assertThat(v.root().resolve("same")).hasContent("same");
            }
        }
        assertThat(list(published(state))).hasSize(before + 1);
        assertNoWorkLeft();
    }

    @Test
    void preparingOnLayersNotUnpackedIsRefused() throws Exception {
        Snapshot missing = new Snapshot(List.of(base.diffId()));
        assertThat(snapshotter.has(missing)).isFalse();
        assertThatThrownBy(() -> snapshotter.prepare(missing)).isInstanceOf(StagecraftException.class)
                .hasMessageContaining("not unpacked");
        assertThatThrownBy(() -> snapshotter.view(missing)).isInstanceOf(StagecraftException.class);
        assertNoWorkLeft();
    }

    @Test
    void closedSnapshotRefusesFurtherUse() throws Exception {
        ActiveSnapshot a = snapshotter.prepare(Snapshot.SCRATCH);
        a.close();
        a.close();
        assertThatThrownBy(() -> a.diff(FIXED, new ByteArrayOutputStream())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> a.commit(base.diffId())).isInstanceOf(IllegalStateException.class);
        assertNoWorkLeft();
    }

    @Test
    void viewIsReadOnly() throws Exception {
        Snapshot s = stacked();
        try (Snapshotter.View v = snapshotter.view(s)) {
            assertThatThrownBy(() -> Files.writeString(v.root().resolve("etc/new"), "changed"))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> Files.createFile(v.root().resolve("fresh")))
                    .isInstanceOf(IOException.class);
        }
        try (Snapshotter.View v = snapshotter.view(Snapshot.SCRATCH)) {
            assertThat(Fixtures.describe(v.root())).isEmpty();
            assertThatThrownBy(() -> Files.createFile(v.root().resolve("fresh"))).isInstanceOf(IOException.class);
        }
        assertNoWorkLeft();
    }

    @Test
    void wrongContentIsRefusedAndLeavesNothing() throws Exception {
        Digest claimed = second.diffId();
        assertThatThrownBy(() -> snapshotter.unpack(Snapshot.SCRATCH, claimed, base.source()))
                .isInstanceOf(StagecraftException.class)
                .hasMessageContaining(claimed.toString()).hasMessageContaining(base.diffId().toString());
        assertThat(snapshotter.has(new Snapshot(List.of(claimed)))).isFalse();
        assertThat(list(published(state))).isEmpty();
        assertNoWorkLeft();
    }

    @Test
    void presentLayerIsNotOpenedAgain() throws Exception {
        Snapshot s = snapshotter.unpack(Snapshot.SCRATCH, base.diffId(), base.source());
        Snapshot again = snapshotter.unpack(Snapshot.SCRATCH, base.diffId(), () -> {
            throw new IOException("must not be opened");
        });
        assertThat(again).isEqualTo(s);
    }

    @Test
    void concurrentUnpacksOfOneLayerBothSucceed() throws Exception {
        CyclicBarrier bothOpened = new CyclicBarrier(2);
        LayerSource source = () -> {
            try {
                bothOpened.await();
            } catch (Exception e) {
                throw new IOException(e);
            }
            return new ByteArrayInputStream(base.tar());
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Snapshot>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return snapshotter.unpack(Snapshot.SCRATCH, base.diffId(), source);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, pool));
            }
            for (CompletableFuture<Snapshot> r : runs) {
                assertThat(r.join().diffIds()).containsExactly(base.diffId());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(list(published(state))).hasSize(1);
        assertNoWorkLeft();
        try (Snapshotter.View v = snapshotter.view(new Snapshot(List.of(base.diffId())))) {
            assertThat(v.root().resolve("etc/passwd")).exists();
        }
    }

    @Test
    void staleWorkOfAKilledProcessIsCleanedOnOpen() throws Exception {
        Path active = state.resolve("active");
        Path stale = Files.createDirectories(active.resolve("0123456789abcdef"));
        Files.createFile(active.resolve("0123456789abcdef.lock")); // its owner died: nobody locks it
        Path source = Files.createDirectories(stale.resolve("src"));
        Path target = Files.createDirectories(stale.resolve("merged"));
        Fixtures.run("mount", "--bind", source.toString(), target.toString());
        assertThat(Mounts.isMounted(target)).isTrue();
        Path orphan = Files.createDirectories(state.resolve("tmp").resolve("fedcba9876543210"));

        try (ActiveSnapshot live = snapshotter.prepare(Snapshot.SCRATCH)) {
            Files.writeString(live.root().resolve("f"), "live");
            Snapshotter other = open(state); // a second process or run sharing the state
            assertThat(Mounts.isMounted(target)).isFalse();
            assertThat(stale).doesNotExist();
            assertThat(orphan).doesNotExist();
            assertThat(live.root().resolve("f")).hasContent("live");
            try (ActiveSnapshot a = other.prepare(Snapshot.SCRATCH)) {
                assertThat(a.isEmpty()).isTrue();
            }
        }
    }

    @Test
    void closeUnmountsAndRemovesEvenAfterAFailedStep() throws Exception {
        Snapshot parent = stacked();
        Path root;
        try (ActiveSnapshot a = snapshotter.prepare(parent)) {
            root = a.root();
            Files.writeString(root.resolve("partial"), "x");
            assertThatThrownBy(() -> Files.writeString(root.resolve("no/such/dir/file"), "x"))
                    .isInstanceOf(IOException.class);
        }
        assertThat(Mounts.isMounted(root)).isFalse();
        assertThat(root).doesNotExist();
        assertNoWorkLeft();
        try (ActiveSnapshot a = snapshotter.prepare(parent)) {
            assertThat(a.root().resolve("partial")).doesNotExist();
        }
    }

    void assertNoWorkLeft() throws IOException {
        assertThat(list(state.resolve("tmp"))).isEmpty();
        assertThat(list(state.resolve("active"))).isEmpty();
    }

    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
