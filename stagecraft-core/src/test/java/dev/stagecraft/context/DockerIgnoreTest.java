package dev.stagecraft.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerIgnoreTest {
    @TempDir
    Path dir;

    @Test
    void linesAreReadAsMobysReaderDoes() {
        String text = "\uFEFF# comment\n  *.log  \n\n!/keep.log\n/abs/path/\n  # not a comment\nsub/../x\r\n! spaced\n/\n";
        assertThat(DockerIgnore.parse(text)).containsExactly(
                "*.log", "!keep.log", "abs/path", "# not a comment", "x", "!spaced", "/");
    }

    @Test
    void theDockerfileSpecificFileWinsOverTheContextOne() throws IOException {
        Files.writeString(dir.resolve(".dockerignore"), "general\n");
        Path df = Files.createDirectories(dir.resolve("build")).resolve("app.Dockerfile");
        Files.writeString(df, "FROM scratch\n");
        assertThat(DockerIgnore.read(dir, df).patterns()).containsExactly("general");
        Files.writeString(dir.resolve("build/app.Dockerfile.dockerignore"), "specific\n");
        DockerIgnore specific = DockerIgnore.read(dir, df);
        assertThat(specific.patterns()).containsExactly("specific");
        assertThat(specific.source()).isEqualTo(dir.resolve("build/app.Dockerfile.dockerignore"));
        assertThat(DockerIgnore.read(dir.resolve("build"), null).patterns()).isEmpty();
    }

    @Test
    void ignoredPathsDoNotExistButDirectoriesWithExceptionsInsideDo() throws IOException {
        write("keep.txt", "secret.key", "logs/a.log", "logs/important.log", "node_modules/x/index.js",
                "docs/a.md", "docs/README.md", "src/main.go", "src/gen/x.pb.go");
        Files.writeString(dir.resolve(".dockerignore"),
                "*.key\nlogs\n!logs/important.log\nnode_modules\n**/*.md\n!docs/README.md\nsrc/gen\n");
        BuildContext ctx = BuildContext.open(dir, null);
        SourceTree t = ctx.tree();
        assertThat(t.entry("keep.txt")).isNotNull();
        assertThat(t.entry("secret.key")).isNull();
        assertThat(t.entry("logs")).isNotNull();
        assertThat(t.entry("logs/important.log")).isNotNull();
        assertThat(t.entry("logs/a.log")).isNull();
        assertThat(t.entry("node_modules")).isNull();
        assertThat(t.entry("node_modules/x/index.js")).isNull();
        assertThat(t.entry("docs/README.md")).isNotNull();
        assertThat(t.entry("docs/a.md")).isNull();
        assertThat(t.children("/")).containsExactly(".dockerignore", "docs", "keep.txt", "logs", "src");
        assertThat(t.children("logs")).containsExactly("important.log");
        assertThat(t.children("src")).containsExactly("main.go");
        assertThat(ctx.isIgnored("secret.key")).isTrue();
        assertThat(ctx.isIgnored("keep.txt")).isFalse();
        assertThat(ctx.glob("/*.key")).isEmpty();
        assertThat(ctx.glob("/*/*.log")).containsExactly("/logs/important.log");
    }

    @Test
    void anExcludedDirectoryWithNothingKeptInsideIsGone() throws IOException {
        write("dir/a", "dir/b");
        BuildContext ctx = BuildContext.of(dir, new DockerIgnore(List.of("dir", "!dir/c"), null));
        assertThat(ctx.tree().entry("dir")).isNull();
        assertThat(ctx.tree().resolve("/dir/a", true).exists()).isFalse();
    }

    private void write(String... names) throws IOException {
        for (String n : names) {
            Path p = dir.resolve(n);
            Files.createDirectories(p.getParent());
            Files.writeString(p, n);
        }
    }
}
