package dev.stagecraft.archive;

import static dev.stagecraft.archive.TestTars.tar;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A layer over a lower one: whiteouts, opaque directories, replacement. */
class WhiteoutTest {
    @TempDir
    Path root;
    final LayerExtractor extractor = new LayerExtractor();

    @BeforeEach
    void lowerLayer() throws IOException {
        extractor.apply(tar()
                .dir("etc").file("etc/a", "a").file("etc/b", "b")
                .dir("etc/sub").file("etc/sub/old", "old")
                .dir("var").dir("var/cache").file("var/cache/x", "x")
                .file("keep", "keep")
                .stream(), root);
    }

    @Test
    void whiteoutDeletesAFileOrADirectoryTree() throws IOException {
        extractor.apply(tar().file("etc/.wh.a", "").file("var/.wh.cache", "").stream(), root);

        assertThat(root.resolve("etc/a")).doesNotExist();
        assertThat(root.resolve("etc/b")).hasContent("b");
        assertThat(root.resolve("var/cache")).doesNotExist();
        assertThat(root.resolve("var")).isDirectory();
        assertThat(root.resolve("etc/.wh.a")).doesNotExist();
    }

    @Test
    void whiteoutOfSomethingMissingIsHarmless() throws IOException {
        extractor.apply(tar().file(".wh.nothing", "").file("nodir/.wh.nothing", "").stream(), root);

        assertThat(root.resolve("keep")).hasContent("keep");
        assertThat(root.resolve("nodir")).doesNotExist();
    }

    @Test
    void opaqueDirectoryHidesTheLowerLayerButKeepsThisOne() throws IOException {
        // The marker first, as writers usually emit it ...
        extractor.apply(tar().dir("etc").file("etc/.wh..wh..opq", "").file("etc/new", "new").stream(), root);

        assertThat(TestTars.snapshot(root.resolve("etc"))).containsOnlyKeys("", "new");
        assertThat(root.resolve("keep")).hasContent("keep");
    }

    @Test
    void opaqueMarkerAfterTheLayersOwnEntriesKeepsThem() throws IOException {
        // ... and last, which the spec also allows: entries of this layer must survive it.
        extractor.apply(tar()
                .file("etc/new", "new")
                .file("etc/sub/fresh", "fresh")
                .file("etc/.wh..wh..opq", "")
                .stream(), root);

        assertThat(TestTars.snapshot(root.resolve("etc")))
                .containsOnlyKeys("", "new", "sub", "sub/fresh");
    }

    @Test
    void entriesReplaceWhatIsThereExceptDirectoryOverDirectory() throws IOException {
        extractor.apply(tar()
                .file("var", "a file over a directory")
                .dir("keep")
                .symlink("etc/a", "b")
                .dir("etc")
                .stream(), root);

        assertThat(root.resolve("var")).isRegularFile().hasContent("a file over a directory");
        assertThat(root.resolve("keep")).isDirectory();
        assertThat(Files.readSymbolicLink(root.resolve("etc/a"))).isEqualTo(Path.of("b"));
        assertThat(root.resolve("etc/sub/old")).hasContent("old");
    }

    @Test
    void aufsBookkeepingIsIgnored() throws IOException {
        ExtractResult r = extractor.apply(tar().dir(".wh..wh.plnk").file(".wh..wh.aufs", "").stream(), root);

        assertThat(root.resolve(".wh..wh.aufs")).doesNotExist();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.entries()).isEqualTo(2);
    }

    @Test
    void hardlinkToALowerLayersFile() throws IOException {
        extractor.apply(tar().hardlink("etc/a-again", "etc/a").stream(), root);

        assertThat(Files.isSameFile(root.resolve("etc/a-again"), root.resolve("etc/a"))).isTrue();
    }

    @Test
    void missingParentsAreCreated() throws IOException {
        extractor.apply(tar().file("new/deep/dir/f", "f").stream(), root);

        assertThat(root.resolve("new/deep/dir/f")).hasContent("f");
    }
}
