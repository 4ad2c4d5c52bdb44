package dev.stagecraft.worker.file;

import static dev.stagecraft.worker.file.Trees.describe;
import static dev.stagecraft.worker.file.Trees.file;
import static dev.stagecraft.worker.file.Trees.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.context.DockerIgnore;
import dev.stagecraft.context.SourceTree;
import dev.stagecraft.graph.FileAction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADD extracts local tar archives, told apart by content, in every compression BuildKit reads. */
class AddUnpackTest {
    @TempDir
    Path src;
    @TempDir
    Path dest;

    static FileAction.Copy add(String from, String to, String chown, boolean unpack) {
        return new FileAction.Copy(0, from, to, chown, null, true, true, true, true, true, unpack, List.of(),
                List.of(), List.of());
    }

    static byte[] tar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry d = new TarArchiveEntry("pkg/", TarArchiveEntry.LF_DIR);
            d.setMode(0750);
            d.setIds(1000, 1000);
            d.setModTime(new Date(1_400_000_000_000L));
            t.putArchiveEntry(d);
            t.closeArchiveEntry();
            byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry f = new TarArchiveEntry("pkg/hello.txt");
            f.setMode(0640);
            f.setIds(1000, 1000);
            f.setSize(data.length);
            f.setModTime(new Date(1_400_000_000_000L));
            t.putArchiveEntry(f);
            t.write(data);
            t.closeArchiveEntry();
            TarArchiveEntry l = new TarArchiveEntry("pkg/link", TarArchiveEntry.LF_SYMLINK);
            l.setLinkName("hello.txt");
            t.putArchiveEntry(l);
            t.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    static byte[] compress(String how, byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream c = switch (how) {
            case "gzip" -> new GzipCompressorOutputStream(out);
            case "bzip2" -> new BZip2CompressorOutputStream(out);
            case "xz" -> new XZCompressorOutputStream(out);
            case "zstd" -> new ZstdCompressorOutputStream(out);
            default -> out;
        }) {
            c.write(plain);
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "gzip", "bzip2", "xz", "zstd"})
    void anArchiveIsExtractedWhateverItsNameAndCompression(String how) throws IOException {
        Files.write(src.resolve("payload.bin"), compress(how, tar()));
        run(dest, SourceTree.context(src, DockerIgnore.none()), add("payload.bin", "/opt", null, true));
        Map<String, String> tree = describe(dest);
        assertThat(tree).containsOnlyKeys("/opt", "/opt/pkg", "/opt/pkg/hello.txt", "/opt/pkg/link");
        assertThat(tree.get("/opt")).startsWith("D 0755 0:0");
        assertThat(tree.get("/opt/pkg")).isEqualTo("D 0750 1000:1000 1400000000");
        assertThat(tree.get("/opt/pkg/hello.txt")).isEqualTo("F 0640 1000:1000 1400000000 hello");
        assertThat(tree.get("/opt/pkg/link")).isEqualTo("L 0:0 -> hello.txt");
    }

    @Test
    void chownAppliesToExtractedEntries() throws IOException {
        Files.write(src.resolve("a.tar.gz"), compress("gzip", tar()));
        run(dest, SourceTree.context(src, DockerIgnore.none()), add("a.tar.gz", "/opt/", "7:8", true));
        Map<String, String> tree = describe(dest);
        assertThat(tree.get("/opt/pkg/hello.txt")).contains(" 7:8 ");
        assertThat(tree.get("/opt/pkg")).contains(" 7:8 ");
    }

    @Test
    void aFileThatIsNotAnArchiveIsCopiedAsItIsAndUnpackFalseCopiesArchives() throws IOException {
        file(src, "fake.tar.gz", "just text", 0644);
        Files.write(src.resolve("real.tar"), tar());
        run(dest, SourceTree.context(src, DockerIgnore.none()), add("fake.tar.gz", "/a/", null, true),
                add("real.tar", "/b/", null, false));
        Map<String, String> tree = describe(dest);
        assertThat(tree.get("/a/fake.tar.gz")).endsWith(" just text");
        assertThat(tree).containsKey("/b/real.tar").doesNotContainKey("/b/pkg");
    }

    @Test
    void anArchiveCannotWriteOutsideItsDestination() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry l = new TarArchiveEntry("esc", TarArchiveEntry.LF_SYMLINK);
            l.setLinkName("/");
            t.putArchiveEntry(l);
            t.closeArchiveEntry();
            byte[] data = "pwn".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry f = new TarArchiveEntry("esc/tmp/stagecraft-add-escape");
            f.setSize(data.length);
            t.putArchiveEntry(f);
            t.write(data);
            t.closeArchiveEntry();
        }
        Files.write(src.resolve("evil.tar"), bytes.toByteArray());
        run(dest, SourceTree.context(src, DockerIgnore.none()), add("evil.tar", "/x", "5", true));
        assertThat(Files.exists(Path.of("/tmp/stagecraft-add-escape"))).isFalse();
        assertThat(describe(dest).get("/x/tmp/stagecraft-add-escape")).isEqualTo(
                "F 0644 5:5 " + describe(dest).get("/x/tmp/stagecraft-add-escape").split(" ")[3] + " pwn");
    }
}
