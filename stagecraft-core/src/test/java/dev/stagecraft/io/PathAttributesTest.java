package dev.stagecraft.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathAttributesTest {
    @TempDir
    Path tmp;

    @Test
    void describesTheLinkItselfNotItsTarget() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Files.createDirectory(tmp.resolve("dir")));

        assertThat(PathAttributes.lstat(link).isSymbolicLink()).isTrue();
        assertThat(PathAttributes.lstat(tmp.resolve("dir")).isDirectory()).isTrue();
    }

    @Test
    void nothingThereAndAFileAsParentAreBothNull() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");

        assertThat(PathAttributes.lstat(tmp.resolve("missing"))).isNull();
        assertThat(PathAttributes.lstat(file.resolve("below"))).isNull();
    }
}
