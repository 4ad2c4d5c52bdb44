package dev.stagecraft.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.StagecraftException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing a snapshotter: auto probes overlayfs, overlay insists on it. */
class SnapshottersIT {
    @TempDir
    Path work;

    @Test
    void autoTakesOverlayWhereItMountsAndLeavesNoProbeBehind() throws Exception {
        Path dir = work.resolve("snapshots");
        Snapshotter s = Snapshotters.open(dir, "auto");
        assertThat(s).isInstanceOf(OverlaySnapshotter.class);
        assertThat(s.name()).isEqualTo("overlay");
        assertThat(dir.resolve("overlay/layers")).isDirectory();
        assertThat(SnapshotterContract.list(dir.resolve("probe"))).isEmpty();
        assertThat(Snapshotters.open(dir, "overlay").name()).isEqualTo("overlay");
        assertThat(Snapshotters.open(dir, "native")).isInstanceOf(NativeSnapshotter.class);
        assertThat(dir.resolve("native/trees")).isDirectory();
    }

    @Test
    void onOverlayfsItselfOverlayIsRefusedAndAutoFallsBackToNative() throws Exception {
        Path lower = Files.createDirectories(work.resolve("lower"));
        Path upper = Files.createDirectories(work.resolve("upper"));
        Path wk = Files.createDirectories(work.resolve("wk"));
        Path merged = Files.createDirectories(work.resolve("merged"));
        Fixtures.run("mount", "-t", "overlay", "overlay", "-o",
                "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + wk, merged.toString());
        try {
            Path dir = merged.resolve("snapshots");
            assertThatThrownBy(() -> Snapshotters.open(dir, "overlay"))
                    .isInstanceOf(StagecraftException.class)
                    .hasMessageContaining("overlay snapshotter cannot be used under " + dir)
                    .hasMessageContaining("native");
            Snapshotter s = Snapshotters.open(dir, "auto");
            assertThat(s.name()).isEqualTo("native");
            assertThat(Mounts.isMounted(dir.resolve("probe"))).isFalse();
            assertThat(SnapshotterContract.list(dir.resolve("probe"))).isEmpty();
            try (ActiveSnapshot a = s.prepare(Snapshot.SCRATCH)) {
                Files.writeString(a.root().resolve("f"), "x");
                assertThat(a.isEmpty()).isFalse();
            }
        } finally {
            Fixtures.run("umount", merged.toString());
        }
    }

    @Test
    void unknownModeIsRefused() {
        assertThatThrownBy(() -> Snapshotters.open(work, "btrfs"))
                .isInstanceOf(StagecraftException.class)
                .hasMessage("unknown snapshotter \"btrfs\": use auto, overlay or native");
    }
}
