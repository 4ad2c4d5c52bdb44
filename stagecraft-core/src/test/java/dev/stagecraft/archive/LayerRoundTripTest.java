package dev.stagecraft.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.content.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LayerRoundTripTest {
    private static final FileTime T1 = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));
    private static final FileTime T2 = FileTime.from(Instant.parse("2001-09-09T01:46:40Z"));
    private static final String LONG = "n".repeat(150);

    @TempDir
    Path tmp;

    /** A tree with one of everything the writer handles without root. */
    private Path tree(String name) throws IOException {
        Path t = Files.createDirectory(tmp.resolve(name));
        Files.createDirectories(t.resolve("etc/deep"));
        Files.writeString(t.resolve("etc/hosts"), "127.0.0.1 localhost\n");
        Files.write(t.resolve("etc/deep/empty"), new byte[0]);
        Files.writeString(t.resolve("setuid"), "#!/bin/sh\n");
        Files.setAttribute(t.resolve("setuid"), "unix:mode", 04755);
        Files.createDirectory(t.resolve("setgid"));
        Files.setAttribute(t.resolve("setgid"), "unix:mode", 02755);
        Files.createDirectory(t.resolve("tmp"));
        Files.setAttribute(t.resolve("tmp"), "unix:mode", 01777);
        Files.createSymbolicLink(t.resolve("link"), Path.of("etc/hosts"));
        Files.createSymbolicLink(t.resolve("dangling"), Path.of("/nowhere/at/all"));
        Files.createLink(t.resolve("hard"), t.resolve("etc/hosts"));
        Files.createDirectory(t.resolve(LONG));
        Files.writeString(t.resolve(LONG).resolve(LONG + "-caf\u00e9"), "long name");
        Files.createSymbolicLink(t.resolve("longlink"), Path.of(LONG + "/" + LONG + "-caf\u00e9"));
        byte[] blob = new byte[300_000];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) (i * 31 + i / 7);
        }
        Files.write(t.resolve("blob"), blob);
        try (var s = Files.walk(t)) {
            for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS).setTimes(p.endsWith("hosts") ? T2 : T1, null, null);
            }
        }
        return t;
    }

    private static byte[] write(Path tree, LayerWriter writer, List<WrittenLayer> out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        out.add(writer.write(tree, bytes));
        return bytes.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void roundTripKeepsContentLinksModesAndTimes(Compression compression) throws IOException {
        Path src = tree("src");
        List<WrittenLayer> written = new ArrayList<>();
        byte[] layer = write(src, LayerWriter.builder().compression(compression).build(), written);
        Path dst = tmp.resolve("dst");

        ExtractResult result = new LayerExtractor().apply(new ByteArrayInputStream(layer), dst);

        assertThat(result.warnings()).isEmpty();
        assertThat(TestTars.snapshot(dst)).isEqualTo(TestTars.snapshot(src));
        assertThat(Files.readAllBytes(dst.resolve("blob"))).isEqualTo(Files.readAllBytes(src.resolve("blob")));
        assertThat(mode(dst.resolve("setuid"))).isEqualTo(04755);
        assertThat(mode(dst.resolve("setgid"))).isEqualTo(02755);
        assertThat(mode(dst.resolve("tmp"))).isEqualTo(01777);
        assertThat(Files.readSymbolicLink(dst.resolve("dangling"))).isEqualTo(Path.of("/nowhere/at/all"));
        assertThat(Files.getAttribute(dst.resolve("hard"), "unix:ino"))
                .isEqualTo(Files.getAttribute(dst.resolve("etc/hosts"), "unix:ino"));
        assertThat(Files.getLastModifiedTime(dst.resolve("etc/hosts"))).isEqualTo(T2);
        assertThat(Files.getLastModifiedTime(dst.resolve("etc"))).isEqualTo(T1);
        assertThat(Files.getLastModifiedTime(dst.resolve(LONG))).isEqualTo(T1);
        assertThat(dst.resolve(LONG).resolve(LONG + "-caf\u00e9")).hasContent("long name");
        assertThat(written.get(0).compression()).isEqualTo(compression);
        assertThat(written.get(0).mediaType()).isEqualTo(compression.ociLayerMediaType());
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void digestsAreOfTheTarAndOfTheBlob(Compression compression) throws IOException {
        List<WrittenLayer> written = new ArrayList<>();
        byte[] layer = write(tree("src"), LayerWriter.builder().compression(compression).build(), written);
        WrittenLayer w = written.get(0);

        assertThat(w.digest()).isEqualTo(Digest.sha256(layer));
        assertThat(w.size()).isEqualTo(layer.length);
        try (InputStream tar = Compression.decompressing(new ByteArrayInputStream(layer))) {
            assertThat(w.diffId()).isEqualTo(Digest.sha256(tar));
        }
        assertThat(Compression.detect(new java.io.BufferedInputStream(new ByteArrayInputStream(layer))))
                .isEqualTo(compression);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void sameTreeSameBytes(Compression compression) throws IOException {
        LayerWriter writer = LayerWriter.builder().compression(compression).build();
        List<WrittenLayer> written = new ArrayList<>();
        byte[] first = write(tree("a"), writer, written);
        byte[] second = write(tree("b"), writer, written);

        assertThat(second).isEqualTo(first);
        assertThat(written.get(1)).isEqualTo(written.get(0));
    }

    @Test
    void headersCarryOnlyWhatWasGiven() throws IOException {
        Instant epoch = Instant.parse("2023-06-01T00:00:00.750Z");
        LayerWriter writer = LayerWriter.builder().mtime(epoch).owner(1000, 1001).build();
        byte[] layer = write(tree("src"), writer, new ArrayList<>());

        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(layer), "UTF-8")) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
                assertThat(e.getUserName()).isEmpty();
                assertThat(e.getGroupName()).isEmpty();
                assertThat(e.getLongUserId()).isEqualTo(1000);
                assertThat(e.getLongGroupId()).isEqualTo(1001);
                assertThat(e.getLastModifiedTime().toInstant()).isEqualTo(Instant.parse("2023-06-01T00:00:00Z"));
            }
        }
        assertThat(names).isSorted().startsWith("blob", "dangling", "etc/", "etc/deep/");
        assertThat(names).contains("hard", "link", "longlink", LONG + "/", LONG + "/" + LONG + "-caf\u00e9");
        // The end is two zero records, no padding to a 10 KiB block.
        assertThat(layer.length % 512).isZero();
    }

    @Test
    void namesCanBeGiven() throws IOException {
        byte[] layer = write(tree("src"), LayerWriter.builder().ownerNames("root", "wheel").build(), new ArrayList<>());
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(layer), "UTF-8")) {
            TarArchiveEntry e = in.getNextEntry();
            assertThat(e.getUserName()).isEqualTo("root");
            assertThat(e.getGroupName()).isEqualTo("wheel");
        }
    }

    @Test
    void binaryUserXattrsSurvive() throws IOException {
        Path src = Files.createDirectory(tmp.resolve("x"));
        Path f = Files.writeString(src.resolve("f"), "x");
        UserDefinedFileAttributeView view = Files.getFileAttributeView(f, UserDefinedFileAttributeView.class);
        byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0xc3, 0x28, '\n', '='};
        try {
            view.write("bin", ByteBuffer.wrap(binary));
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no user xattrs on this file system: " + e);
        }
        byte[] layer = write(src, LayerWriter.builder().build(), new ArrayList<>());
        Path dst = tmp.resolve("dst");

        new LayerExtractor().apply(new ByteArrayInputStream(layer), dst);

        UserDefinedFileAttributeView out =
                Files.getFileAttributeView(dst.resolve("f"), UserDefinedFileAttributeView.class);
        ByteBuffer buf = ByteBuffer.allocate(out.size("bin"));
        out.read("bin", buf);
        assertThat(buf.array()).isEqualTo(binary);
    }

    @Test
    void applyLeavesTheCallersStreamOpenAndReadsUtf8Names() throws IOException {
        byte[] layer = TestTars.tar().file("caf\u00e9", "ok").bytes();
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(layer) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        new LayerExtractor().apply(in, tmp.resolve("dst"));

        assertThat(closed[0]).isFalse();
        assertThat(new String(Files.readAllBytes(tmp.resolve("dst/caf\u00e9")), StandardCharsets.UTF_8))
                .isEqualTo("ok");
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}
