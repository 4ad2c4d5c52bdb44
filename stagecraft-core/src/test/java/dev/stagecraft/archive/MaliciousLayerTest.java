package dev.stagecraft.archive;

import static dev.stagecraft.archive.TestTars.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One hostile layer per test. Each is refused or contained, and the sentinel directory next to
 * the root ends exactly as it began.
 */
class MaliciousLayerTest {
    @TempDir
    Path tmp;
    Path root;
    Path outside;
    Map<String, String> outsideBefore;
    final LayerExtractor extractor = new LayerExtractor();

    @BeforeEach
    void sentinel() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "do not touch");
        outsideBefore = TestTars.snapshot(tmp.resolve("outside"));
    }

    @AfterEach
    void nothingWrittenOutside() throws IOException {
        assertThat(TestTars.snapshot(outside)).isEqualTo(outsideBefore);
        assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("do not touch");
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("root", "outside");
        }
    }

    @Test
    void dotDotTraversalIsRefused() {
        assertThatThrownBy(() -> extractor.apply(tar().file("../../etc/x", "pwned").stream(), root))
                .isInstanceOf(LayerFormatException.class)
                .hasMessageContaining("../../etc/x").hasMessageContaining("climbs out");
        assertThatThrownBy(() -> extractor.apply(tar().file("a/../../outside/x", "pwned").stream(), root))
                .isInstanceOf(LayerFormatException.class);
    }

    @Test
    void absolutePathIsRefused() {
        assertThatThrownBy(() -> extractor.apply(tar().file("/abs/path", "pwned").stream(), root))
                .isInstanceOf(LayerFormatException.class)
                .hasMessageContaining("/abs/path").hasMessageContaining("absolute");
        assertThatThrownBy(() -> extractor.apply(
                tar().file(outside.resolve("x").toString(), "pwned").stream(), root))
                .isInstanceOf(LayerFormatException.class);
    }

    @Test
    void writeThroughAnAbsoluteSymlinkStaysInsideTheRoot() throws IOException {
        extractor.apply(tar().symlink("a", outside.toString()).file("a/x", "contained").stream(), root);

        assertThat(root.resolve("a")).isSymbolicLink();
        Path contained = root.resolve(outside.toString().substring(1)).resolve("x");
        assertThat(contained).hasContent("contained");
    }

    @Test
    void writeThroughASymlinkFromALowerLayerStaysInsideTheRoot() throws IOException {
        extractor.apply(tar().symlink("a", outside.toString()).stream(), root);
        extractor.apply(tar().file("a/secret", "overwritten?").stream(), root);

        assertThat(root.resolve(outside.toString().substring(1)).resolve("secret")).hasContent("overwritten?");
    }

    @Test
    void dotDotSymlinkChainIsClampedAtTheRoot() throws IOException {
        extractor.apply(tar()
                .dir("d")
                .symlink("d/up", "../../../..")
                .symlink("d/up2", "up/../..")
                .file("d/up/outside/x", "contained")
                .file("d/up2/y", "contained too")
                .stream(), root);

        assertThat(root.resolve("outside/x")).hasContent("contained");
        assertThat(root.resolve("y")).hasContent("contained too");
    }

    @Test
    void fileOverAPlantedSymlinkReplacesTheLinkInsteadOfFollowingIt() throws IOException {
        extractor.apply(tar().symlink("s", outside.resolve("secret").toString()).file("s", "replaced").stream(), root);

        assertThat(root.resolve("s")).isRegularFile().hasContent("replaced");
    }

    @Test
    void hardlinkToAnAbsolutePathIsRefused() {
        assertThatThrownBy(() -> extractor.apply(tar().hardlink("passwd", "/etc/passwd").stream(), root))
                .isInstanceOf(LayerFormatException.class)
                .hasMessageContaining("passwd").hasMessageContaining("absolute");
    }

    @Test
    void hardlinkClimbingOutIsRefused() {
        assertThatThrownBy(() -> extractor.apply(tar().hardlink("h", "../outside/secret").stream(), root))
                .isInstanceOf(LayerFormatException.class)
                .hasMessageContaining("climbs out");
    }

    @Test
    void hardlinkThroughASymlinkResolvesInsideTheRoot() {
        assertThatThrownBy(() -> extractor.apply(
                tar().symlink("l", outside.toString()).hardlink("h", "l/secret").stream(), root))
                .isInstanceOf(LayerFormatException.class)
                .hasMessageContaining("does not exist");
        assertThat(root.resolve("h")).doesNotExist();
    }

    @Test
    void symlinkLoopIsRefusedWithoutHanging() {
        // A hang would be ended by Surefire's fork timeout; the refusal is what is checked.
        assertThatThrownBy(() -> extractor.apply(
                tar().symlink("a", "b").symlink("b", "a").file("a/x", "loop").stream(), root))
                .isInstanceOf(LayerFormatException.class)
                .hasMessageContaining("a/x")
                .hasMessageContaining("too many levels of symbolic links");
    }

    @Test
    void hugePaxHeaderFailsCleanly() {
        TarArchiveEntry e = TestTars.base(new TarArchiveEntry("big"), 0644);
        char[] huge = new char[4 << 20];
        Arrays.fill(huge, 'x');
        e.addPaxHeader("SCHILY.xattr.user.big", new String(huge));

        assertThatThrownBy(() -> extractor.apply(tar().file("before", "ok").entry(e, new byte[0]).stream(), root))
                .isInstanceOf(LayerFormatException.class)
                .hasMessageContaining("after entry \"before\"")
                .hasMessageContaining("larger than");
    }

    @Test
    void hugeGnuLongNameFailsCleanly() {
        // Built by hand: Commons Compress's writer is too slow on a multi-megabyte name.
        byte[] name = "d/".repeat(2 << 20).getBytes(StandardCharsets.US_ASCII);
        TarArchiveEntry longName = TestTars.base(
                new TarArchiveEntry("././@LongLink", TarConstants.LF_GNUTYPE_LONGNAME), 0644);

        assertThatThrownBy(() -> extractor.apply(
                tar().entry(longName, name).file("short", "x").stream(), root))
                .isInstanceOf(LayerFormatException.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void truncatedTarIsRefused() {
        byte[] whole = tar().file("big", "x".repeat(5000)).bytes();
        byte[] cut = Arrays.copyOf(whole, 512 + 2000);

        assertThatThrownBy(() -> extractor.apply(new ByteArrayInputStream(cut), root))
                .isInstanceOf(LayerFormatException.class)
                .hasMessageContaining("big");
    }

    @Test
    void truncatedGzipIsRefused() throws IOException {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (var out = Compression.GZIP.wrap(gz)) {
            out.write(tar().file("big", "y".repeat(100_000)).bytes());
        }
        byte[] cut = Arrays.copyOf(gz.toByteArray(), gz.size() / 2);

        assertThatThrownBy(() -> extractor.apply(new ByteArrayInputStream(cut), root))
                .isInstanceOf(LayerFormatException.class);
    }

    @Test
    void entryUnderAFileIsRefused() {
        assertThatThrownBy(() -> extractor.apply(tar().file("f", "a file").file("f/x", "under it").stream(), root))
                .isInstanceOf(LayerFormatException.class)
                .hasMessageContaining("f/x")
                .hasMessageContaining("not a directory");
    }

    @Test
    void whiteoutOfDotDotIsRefused() {
        assertThatThrownBy(() -> extractor.apply(tar().dir("d").file("d/.wh...", "").stream(), root))
                .isInstanceOf(LayerFormatException.class);
        assertThat(root).exists();
    }

    @Test
    void whiteoutThroughASymlinkDeletesInsideTheRoot() throws IOException {
        extractor.apply(tar().symlink("l", outside.toString()).file("l/.wh.secret", "").stream(), root);

        assertThat(root.resolve("l")).isSymbolicLink();
    }

    @Test
    void hardlinkToADirectoryIsRefused() {
        assertThatThrownBy(() -> extractor.apply(tar().dir("d").hardlink("h", "d").stream(), root))
                .isInstanceOf(LayerFormatException.class)
                .hasMessageContaining("directory");
    }
}
