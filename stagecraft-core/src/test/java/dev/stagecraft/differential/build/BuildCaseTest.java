package dev.stagecraft.differential.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCaseTest {
    @TempDir
    Path tmp;

    private Path caseDir(String properties) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cases/my-case"));
        Files.writeString(dir.resolve("Dockerfile"), "FROM @BASE@\nCOPY . /c/\n");
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/a.txt"), "a\n");
        Files.writeString(dir.resolve("case.properties"), properties);
        return dir;
    }

    @Test
    void readsTargetBuildArgsAndExpectedExitCode() throws IOException {
        BuildCase c = BuildCase.load(caseDir("target=build\nbuild-args=A=1,B=x=y\nexpect-exit-code=3\n"));
        assertThat(c.name()).isEqualTo("my-case");
        assertThat(c.target()).isEqualTo("build");
        assertThat(c.buildArgs()).containsExactly(Map.entry("A", "1"), Map.entry("B", "x=y"));
        assertThat(c.expectedExitCode()).isEqualTo(3);
        assertThat(BuildCase.load(caseDir("")).target()).isNull();
    }

    @Test
    void rejectsUnknownKeys() throws IOException {
        Path dir = caseDir("targets=x\n");
        assertThatThrownBy(() -> BuildCase.load(dir)).hasMessageEndingWith("unknown key targets");
    }

    @Test
    void stagesTheContextWithTheBaseImageLinksModesAndOneMtime() throws IOException {
        BuildCase c = BuildCase.load(caseDir("symlink.src/link=a.txt\nhardlink.src/b.txt=src/a.txt\nmode.src/a.txt=4755\n"));
        Path ctx = c.stage(tmp.resolve("ctx"), "127.0.0.1:5000/base:1");
        assertThat(ctx.resolve("Dockerfile")).hasContent("FROM 127.0.0.1:5000/base:1\nCOPY . /c/");
        assertThat(ctx.resolve("case.properties")).doesNotExist();
        assertThat(Files.readSymbolicLink(ctx.resolve("src/link"))).isEqualTo(Path.of("a.txt"));
        assertThat(Files.getAttribute(ctx.resolve("src/b.txt"), "unix:ino"))
                .isEqualTo(Files.getAttribute(ctx.resolve("src/a.txt"), "unix:ino"));
        assertThat((int) Files.getAttribute(ctx.resolve("src/a.txt"), "unix:mode") & 07777).isEqualTo(04755);
        assertThat((int) Files.getAttribute(ctx.resolve("Dockerfile"), "unix:mode") & 07777).isEqualTo(0644);
        assertThat((int) Files.getAttribute(ctx.resolve("src"), "unix:mode") & 07777).isEqualTo(0755);
        for (Path p : new Path[] {ctx.resolve("src"), ctx.resolve("src/link"), ctx.resolve("Dockerfile")}) {
            assertThat(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS)).as(p.toString())
                    .isEqualTo(BuildCase.CONTEXT_MTIME);
        }
    }

    @Test
    void theContentHashFollowsEveryFile() throws IOException {
        Path dir = caseDir("");
        String before = BuildCase.load(dir).contentHash();
        assertThat(BuildCase.load(dir).contentHash()).isEqualTo(before);
        Files.writeString(dir.resolve("src/a.txt"), "b\n");
        assertThat(BuildCase.load(dir).contentHash()).isNotEqualTo(before);
    }
}
