package dev.stagecraft.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.archive.LayerWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same step on overlay and on native copies gives the same layer. */
class SnapshotterEquivalenceIT {
    @TempDir
    Path work;
    Snapshotter overlay;
    Snapshotter copies;
    Fixtures.Layer base;
    Fixtures.Layer second;

    interface Step {
        void run(Path root) throws Exception;
    }

    @BeforeEach
    void setUp() throws IOException {
        overlay = new OverlaySnapshotter(work.resolve("overlay"));
        copies = new NativeSnapshotter(work.resolve("native"));
        base = Fixtures.base(work);
        second = Fixtures.second(work);
    }

    @Test
    void everyKindOfChangeGivesTheSameBytes() throws Exception {
        assertSameLayer(Fixtures::change);
    }

    @Test
    void typeChangesAndRenamesGiveTheSameBytes() throws Exception {
        List<String> entries = assertSameLayer(Fixtures::moreChanges);
        assertThat(entries).contains("bin/tool/ 5", "bin/tool/.wh..wh..opq 0", "bin/tool/inner 0", "opt 0",
                "etc/.wh.new 0", "etc/renamed 0", "data/.wh.dir 0", "data/moved/ 5", "data/moved/c 0");
    }

    /** Runs {@code step} on both; returns the layer's entries as "name typeflag". */
    List<String> assertSameLayer(Step step) throws Exception {
        byte[] fromOverlay = diff(overlay, step, SnapshotterContract.FIXED);
        byte[] fromCopies = diff(copies, step, SnapshotterContract.FIXED);
        assertThat(entries(fromCopies)).isEqualTo(entries(fromOverlay));
        assertThat(fromCopies).isEqualTo(fromOverlay);
        // With the files' own times the bytes differ (two steps, two clocks), the entries do not.
        LayerWriter own = LayerWriter.builder().build();
        assertThat(entries(diff(copies, step, own))).isEqualTo(entries(diff(overlay, step, own)));
        return entries(fromOverlay);
    }

    byte[] diff(Snapshotter s, Step step, LayerWriter writer) throws Exception {
        Snapshot parent = s.unpack(s.unpack(Snapshot.SCRATCH, base.diffId(), base.source()), second.diffId(),
                second.source());
        try (ActiveSnapshot a = s.prepare(parent)) {
            step.run(a.root());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            a.diff(writer, out);
            return out.toByteArray();
        }
    }

    static List<String> entries(byte[] tar) throws IOException {
        List<String> out = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                out.add(e.getName() + " " + (char) e.getLinkFlag());
            }
        }
        return out;
    }
}
