package dev.stagecraft.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which unpacked layers {@link SnapshotCollector} removes, on directories laid out as the overlay
 * and native snapshotters lay them out: overlay layers by diff id, native trees by chain id.
 */
class SnapshotCollectorTest {
    private static final Digest A = diffId("a");
    private static final Digest B = diffId("b");
    private static final Digest C = diffId("c");

    @TempDir
    Path snapshots;

    @Test
    void overlayLayersNoStackUsesAreRemovedAndTheirBytesCounted() throws IOException {
        Path a = layer("overlay/layers", A.hex(), 10);
        Path b = layer("overlay/layers", B.hex(), 100);
        Path c = layer("overlay/layers", C.hex(), 1000);
        Path stranger = Files.createDirectories(snapshots.resolve("overlay/layers/not-a-layer"));

        SnapshotCollector.Result result = SnapshotCollector.collect(snapshots, List.of(List.of(A, B)));

        assertThat(result).isEqualTo(new SnapshotCollector.Result(1, 1000, false));
        assertThat(a).isDirectory();
        assertThat(b).isDirectory();
        assertThat(c).doesNotExist();
        assertThat(stranger).isDirectory();
        try (var left = Files.list(snapshots.resolve("overlay/tmp"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aLayerAnActiveSnapshotLinksToStays() throws IOException {
        Path c = layer("overlay/layers", C.hex(), 5);
        Path links = Files.createDirectories(snapshots.resolve("overlay/active/0123456789abcdef/l"));
        Files.createSymbolicLink(links.resolve("0"), c.resolve("fs"));

        assertThat(SnapshotCollector.collect(snapshots, List.of()).removed()).isZero();
        assertThat(c).isDirectory();
    }

    @Test
    void nativeTreesAreKeptByTheChainIdsOfTheStacksInUse() throws IOException {
        Snapshot ab = Snapshot.SCRATCH.with(A).with(B);
        Snapshot ac = Snapshot.SCRATCH.with(A).with(C);
        Snapshot b = Snapshot.SCRATCH.with(B);
        Path treeA = layer("native/trees", hex(Snapshot.SCRATCH.with(A).chainId()), 1);
        Path treeAb = layer("native/trees", hex(ab.chainId()), 2);
        Path treeAc = layer("native/trees", hex(ac.chainId()), 4);
        Path treeB = layer("native/trees", hex(b.chainId()), 8);

        SnapshotCollector.Result result = SnapshotCollector.collect(snapshots, List.of(List.of(A, B)));

        assertThat(result).isEqualTo(new SnapshotCollector.Result(2, 12, false));
        assertThat(treeA).isDirectory();
        assertThat(treeAb).isDirectory();
        assertThat(treeAc).doesNotExist();
        assertThat(treeB).doesNotExist();
    }

    @Test
    void nothingIsRemovedWhileABuildHoldsTheSnapshotsInAnotherThread() throws Exception {
        Path c = layer("overlay/layers", C.hex(), 5);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            Future<?> build = pool.submit(() -> {
                try (SnapshotCollector.Hold hold = SnapshotCollector.inUse(snapshots)) {
                    held.countDown();
                    done.await();
                }
                return null;
            });
            held.await();
            assertThat(SnapshotCollector.collect(snapshots, List.of())).isEqualTo(new SnapshotCollector.Result(0, 0, true));
            assertThat(c).isDirectory();
            done.countDown();
            build.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(SnapshotCollector.collect(snapshots, List.of()).removed()).isEqualTo(1);
        assertThat(c).doesNotExist();
    }

    private Path layer(String store, String name, int bytes) throws IOException {
        Path fs = Files.createDirectories(snapshots.resolve(store).resolve(name).resolve("fs"));
        Files.write(fs.resolve("file"), new byte[bytes]);
        Files.createSymbolicLink(fs.resolve("link"), Path.of("file"));
        return fs.getParent();
    }

    private static Digest diffId(String content) {
        return Digest.sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }
}
