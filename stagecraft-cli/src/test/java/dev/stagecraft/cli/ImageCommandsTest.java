package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.api.Images;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code images}, {@code tag}, {@code rmi} and {@code inspect} on a root prepared through the api. */
class ImageCommandsTest {
    @TempDir
    Path tmp;

    private Path root;
    private String digest;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void prepare() throws IOException {
        root = tmp.resolve("root");
        Path tree = Files.createDirectories(tmp.resolve("tree/etc"));
        Files.writeString(tree.resolve("hostname"), "stagecraft\n");
        digest = Images.open(root).importTree(tmp.resolve("tree"), "busybox:1", "linux/amd64");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void imagesListsFamiliarNames() {
        assertThat(run("images", "--root", root.toString())).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("REPOSITORY").contains("TAG", "IMAGE ID", "CREATED", "SIZE");
        assertThat(lines[1]).startsWith("busybox ").contains(" 1 ").containsPattern(" [0-9a-f]{12} ")
                .containsPattern("[0-9.]+k?B$");
    }

    @Test
    void tagThenRmi() {
        assertThat(run("tag", "--root", root.toString(), "busybox:1", "example.com/me/box:2")).isZero();
        assertThat(run("images", "--root", root.toString())).isZero();
        assertThat(out.toString()).contains("busybox ").contains("example.com/me/box ");

        assertThat(run("rmi", "--root", root.toString(), "busybox:1")).isZero();
        assertThat(out.toString()).isEqualTo("Untagged: busybox:1@" + digest + "\n");
        assertThat(run("images", "--root", root.toString())).isZero();
        assertThat(out.toString()).doesNotContain("busybox ").contains("example.com/me/box ");
    }

    @Test
    void inspectPrintsManifestAndConfig() {
        assertThat(run("inspect", "--root", root.toString(), "docker.io/library/busybox:1")).isZero();
        assertThat(out.toString()).contains("\"Digest\" : \"" + digest + "\"", "\"Manifest\"", "\"Config\"",
                "\"architecture\" : \"amd64\"", "\"diff_ids\"");
    }

    @Test
    void unknownImageIsAnErrorWithoutStackTrace() {
        assertThat(run("inspect", "--root", root.toString(), "nothere")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ERROR: No such image: nothere:latest\n");
        assertThat(run("rmi", "--root", root.toString(), "nothere:2")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ERROR: No such image: nothere:2\n");
        assertThat(run("tag", "--root", root.toString(), "busybox:1", "Bad Name")).isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR: ").doesNotContain("\tat ");
    }

    @Test
    void humanSizes() {
        assertThat(ImageCommands.humanSize(512)).isEqualTo("512B");
        assertThat(ImageCommands.humanSize(4_261_000)).isEqualTo("4.26MB");
        assertThat(ImageCommands.humanSize(1_000)).isEqualTo("1kB");
    }
}
