package dev.stagecraft.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerChangesTest {
    @TempDir
    Path tree;

    @Test
    void everyPathAsAChangeIsTheWholeTreeByteForByte() throws IOException {
        Files.createDirectories(tree.resolve("a/b"));
        Files.writeString(tree.resolve("a/b/f"), "f");
        Files.writeString(tree.resolve("a.c"), "c");
        Files.writeString(tree.resolve("z"), "z");
        Files.createLink(tree.resolve("a/link"), tree.resolve("z"));
        Files.createSymbolicLink(tree.resolve("s"), Path.of("a/b/f"));
        LayerChanges all = new LayerChanges();
        try (Stream<Path> s = Files.walk(tree)) {
            s.filter(p -> !p.equals(tree)).forEach(p -> all.add(tree.relativize(p).toString()));
        }
        LayerWriter w = LayerWriter.builder().mtime(Instant.parse("2020-01-01T00:00:00Z")).build();
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        ByteArrayOutputStream changes = new ByteArrayOutputStream();
        WrittenLayer a = w.write(tree, whole);
        WrittenLayer b = w.writeChanges(tree, all, changes);
        assertThat(changes.toByteArray()).isEqualTo(whole.toByteArray());
        assertThat(b).isEqualTo(a);
    }

    @Test
    void parentsComeFirstThenOpaqueMarkerThenSortedSiblingsWithWhiteouts() throws IOException {
        Files.createDirectories(tree.resolve("d/e"));
        Files.writeString(tree.resolve("d/e/new"), "n");
        Files.createDirectories(tree.resolve("x"));
        Files.setLastModifiedTime(tree.resolve("d"), FileTime.from(Instant.parse("2019-05-05T05:05:05Z")));
        LayerChanges c = new LayerChanges().add("d/e/new").delete("d/e/old").opaque("x").delete("top")
                .delete("d/e/a");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerWriter.builder().build().writeChanges(tree, c, out);
        List<TarArchiveEntry> entries = read(out.toByteArray());
        assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly(
                ".wh.top", "d/", "d/e/", "d/e/.wh.a", "d/e/.wh.old", "d/e/new", "x/", "x/.wh..wh..opq");
        TarArchiveEntry d = entries.get(1);
        assertThat(d.getLastModifiedDate().toInstant()).isEqualTo(Instant.parse("2019-05-05T05:05:05Z"));
        for (TarArchiveEntry wh : List.of(entries.get(0), entries.get(3), entries.get(7))) {
            assertThat(wh.isFile()).isTrue();
            assertThat(wh.getSize()).isZero();
            assertThat(wh.getMode()).isZero();
            assertThat(wh.getLongUserId()).isZero();
            assertThat(wh.getLongGroupId()).isZero();
            assertThat(wh.getLastModifiedDate().toInstant()).isEqualTo(Instant.EPOCH);
        }
    }

    @Test
    void whiteoutsTakeTheFixedTime() throws IOException {
        Instant t = Instant.parse("2024-02-02T02:02:02Z");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerWriter.builder().mtime(t).build().writeChanges(tree, new LayerChanges().delete("gone"), out);
        assertThat(read(out.toByteArray())).singleElement()
                .satisfies(e -> assertThat(e.getLastModifiedDate().toInstant()).isEqualTo(t));
    }

    @Test
    void appliedChangesDeleteAndHide() throws IOException {
        Path lower = Files.createDirectories(tree.resolve("lower"));
        Files.createDirectories(lower.resolve("x"));
        Files.writeString(lower.resolve("x/old"), "old");
        Files.writeString(lower.resolve("top"), "top");
        Path upper = Files.createDirectories(tree.resolve("upper"));
        Files.createDirectories(upper.resolve("x"));
        Files.writeString(upper.resolve("x/kept"), "kept");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerWriter.builder().build().writeChanges(upper, new LayerChanges().opaque("x").add("x/kept").delete("top"),
                out);
        new LayerExtractor().apply(new ByteArrayInputStream(out.toByteArray()), lower);
        assertThat(TestTars.snapshot(lower)).containsOnlyKeys("", "x", "x/kept");
    }

    @Test
    void pathsMustBeCleanAndRelative() {
        LayerChanges c = new LayerChanges();
        for (String bad : List.of("", "/a", "a/", "a//b", "a/../b", "./a")) {
            assertThatThrownBy(() -> c.add(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(c.isEmpty()).isTrue();
    }

    private static List<TarArchiveEntry> read(byte[] tar) throws IOException {
        List<TarArchiveEntry> out = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                out.add(e);
            }
        }
        return out;
    }
}
