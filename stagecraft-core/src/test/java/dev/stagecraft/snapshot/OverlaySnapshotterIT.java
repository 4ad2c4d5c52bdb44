package dev.stagecraft.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The snapshot contract on kernel overlayfs, plus what only overlay has: deep stacks, its layer format. */
class OverlaySnapshotterIT extends SnapshotterContract {
    @Override
    Snapshotter open(Path dir) throws IOException {
        return new OverlaySnapshotter(dir);
    }

    @Override
    Path published(Path dir) {
        return dir.resolve("layers");
    }

    @Test
    void layersAreKeptInOverlayFormat() throws Exception {
        stacked();
        Path lower = state.resolve("layers").resolve(second.diffId().hex()).resolve("fs");
        assertThat(OverlayChanges.isWhiteout(lower.resolve("gone.txt"))).isTrue();
        assertThat(dev.stagecraft.archive.Xattrs.readTree(lower, OverlayChanges.OPAQUE_XATTR))
                .containsOnlyKeys(lower.resolve("data/dir"))
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(new byte[] {'y'}));
    }

    @Test
    void moreLayersThanOneMountOptionPageNamesAbsolutely() throws Exception {
        int count = 160;
        Snapshot s = Snapshot.SCRATCH;
        for (int i = 0; i < count; i++) {
            Fixtures.Layer l = Fixtures.single(work, "f" + i);
            s = snapshotter.unpack(s, l.diffId(), l.source());
        }
        int absolute = s.diffIds().stream()
                .mapToInt(d -> state.resolve("layers").resolve(d.hex()).resolve("fs").toString().length() + 1).sum();
        assertThat(absolute).isGreaterThan(4096);
        try (ActiveSnapshot a = snapshotter.prepare(s)) {
            String[] names = a.root().toFile().list();
            Arrays.sort(names);
            assertThat(names).hasSize(count).contains("f0", "f159");
            assertThat(a.root().resolve("f0")).hasContent("f0");
            Files.writeString(a.root().resolve("f0"), "top");
            assertThat(a.root().resolve("f0")).hasContent("top");
        }
        try (Snapshotter.View v = snapshotter.view(s)) {
            assertThat(v.root().resolve("f159")).hasContent("f159");
        }
        assertNoWorkLeft();
    }
}
