package dev.stagecraft.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.StagecraftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceTreeTest {
    @TempDir
    Path dir;

    @Test
    void dotDotAndAbsolutePathsStayInsideTheRoot() throws IOException {
        Files.writeString(dir.resolve("x"), "inside");
        SourceTree t = SourceTree.of(dir);
        ResolvedPath r = t.resolve("../../../x", true);
        assertThat(r.rel()).isEqualTo("/x");
        assertThat(r.host()).isEqualTo(dir.toRealPath().resolve("x"));
        assertThat(t.resolve("/x", true).exists()).isTrue();
        assertThat(t.resolve("a/../../x", true).rel()).isEqualTo("/x");
    }

    @Test
    void symlinksAreFollowedAsIfTheRootWereSlash() throws IOException {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/passwd"), "contained");
        Files.createSymbolicLink(dir.resolve("abs"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(dir.resolve("up"), Path.of("../../../../etc"));
        Files.createSymbolicLink(dir.resolve("outside"), Path.of("/proc/self"));
        SourceTree t = SourceTree.of(dir);
        assertThat(t.resolve("abs", true).host()).isEqualTo(dir.toRealPath().resolve("etc/passwd"));
        assertThat(t.resolve("up/passwd", true).rel()).isEqualTo("/etc/passwd");
        ResolvedPath out = t.resolve("outside/status", true);
        assertThat(out.exists()).isFalse();
        assertThat(out.host()).isEqualTo(dir.toRealPath().resolve("proc/self/status"));
        ResolvedPath notFollowed = t.resolve("abs", false);
        assertThat(notFollowed.attrs().isSymbolicLink()).isTrue();
    }

    @Test
    void aLinkThroughAMissingDirectoryAndBackUpIsStillResolved() throws IOException {
        Files.createDirectories(dir.resolve("etc"));
        Files.createSymbolicLink(dir.resolve("x"), Path.of("/etc"));
        Files.createSymbolicLink(dir.resolve("l"), Path.of("missing/../x"));
        ResolvedPath r = SourceTree.of(dir).resolve("l/passwd", true);
        assertThat(r.rel()).isEqualTo("/etc/passwd");
    }

    @Test
    void linkLoopsAndFilesUsedAsDirectoriesAreErrors() throws IOException {
        Files.createSymbolicLink(dir.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
        Files.writeString(dir.resolve("f"), "x");
        SourceTree t = SourceTree.of(dir);
        assertThatThrownBy(() -> t.resolve("a/x", true)).isInstanceOf(StagecraftException.class)
                .hasMessageContaining("too many levels of symbolic links");
        assertThatThrownBy(() -> t.resolve("f/x", true)).hasMessageContaining("\"/f\" is not a directory");
    }

    @Test
    void wildcardsMatchOneLevelPerSegmentAndDoNotEnterMatchedDirectories() throws IOException {
        for (String n : new String[] {"a.txt", "b.txt", "c.md", "d1/x.txt", "d2/y.txt", "d2/sub/z.txt"}) {
            Path p = dir.resolve(n);
            Files.createDirectories(p.getParent());
            Files.writeString(p, n);
        }
        SourceTree t = SourceTree.of(dir);
        assertThat(t.glob("*.txt", true)).containsExactly("/a.txt", "/b.txt");
        assertThat(t.glob("/d*/*.txt", true)).containsExactly("/d1/x.txt", "/d2/y.txt");
        assertThat(t.glob("d*", true)).containsExactly("/d1", "/d2");
        assertThat(t.glob("nothing*", true)).isEmpty();
        assertThat(t.glob("plain/path", true)).containsExactly("/plain/path");
        assertThatThrownBy(() -> t.glob("missing/*.txt", true)).isInstanceOf(SourceNotFoundException.class)
                .hasMessageContaining("\"/missing\": not found");
    }

    @Test
    void childrenAreInGoByteOrderAlsoBeyondTheBasicPlane() throws IOException {
        // UTF-16 would put the emoji (a surrogate pair, 0xD83D...) before U+FFFD; UTF-8 bytes do not.
        for (String name : List.of("\uFFFD", "\uD83D\uDE00", "a", "B", "\u00E9", "ab", "a b")) {
            Files.writeString(dir.resolve(name), name);
        }
        assertThat(SourceTree.of(dir).children("")).containsExactly("B", "a", "a b", "ab", "\u00E9", "\uFFFD",
                "\uD83D\uDE00");
        assertThat(SourceTree.compareCodePoints("a", "ab")).isNegative();
        assertThat(SourceTree.compareCodePoints("ab", "a")).isPositive();
        assertThat(SourceTree.compareCodePoints("\uD83D\uDE00", "\uD83D\uDE00")).isZero();
    }
}
