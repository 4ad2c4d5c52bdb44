package dev.stagecraft.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path tmp;

    @Test
    void deletesADirectoryAndAllBelowIt() throws IOException {
        Path tree = Files.createDirectories(tmp.resolve("tree/a/b"));
        Files.writeString(tree.resolve("f"), "x");
        Files.writeString(tmp.resolve("tree/g"), "y");

        FileTrees.deleteRecursively(tmp.resolve("tree"));

        assertThat(tmp.resolve("tree")).doesNotExist();
    }

    @Test
    void removesSymlinksWithoutFollowingThem() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "k");
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.createSymbolicLink(tree.resolve("link"), outside);
        Path topLink = Files.createSymbolicLink(tmp.resolve("top"), outside);

        FileTrees.deleteRecursively(tree);
        FileTrees.deleteRecursively(topLink);

        assertThat(tree).doesNotExist();
        assertThat(Files.exists(topLink, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(outside.resolve("keep")).hasContent("k");
    }

    @Test
    void deletesAPlainFileAndAcceptsNothing() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");

        FileTrees.deleteRecursively(file);
        FileTrees.deleteRecursively(tmp.resolve("never-there"));

        assertThat(file).doesNotExist();
    }
}
