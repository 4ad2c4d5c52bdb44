package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.api.Images;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code save}, {@code load}, {@code import}, {@code du} and {@code prune} through the command line. */
class ArchiveCommandsTest {
    @TempDir
    Path tmp;

    private Path root;
    private String id;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void prepare() throws IOException {
        root = tmp.resolve("root");
        Path tree = Files.createDirectories(tmp.resolve("tree/etc"));
        Files.writeString(tree.resolve("hostname"), "stagecraft\n");
        id = Images.open(root).importImage(tmp.resolve("tree"), "busybox:1", "linux/amd64", null);
    }

    @AfterEach
    void realStreams() {
        Stdio.reset();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void saveThenLoadIntoAnotherRoot() {
        Path archive = tmp.resolve("busybox.tar");
        assertThat(run("save", "--root", root.toString(), "-o", archive.toString(), "busybox:1")).isZero();
        assertThat(archive).isNotEmptyFile();
        Path other = tmp.resolve("other");
        assertThat(run("load", "--root", other.toString(), "-i", archive.toString())).isZero();
        assertThat(out.toString()).isEqualTo("Loaded image: busybox:1\n");
        assertThat(run("images", "--root", other.toString())).isZero();
        assertThat(out.toString()).contains("busybox ").contains(id.substring(7, 19));

        assertThat(run("save", "--root", root.toString(), "--format", "oci", "-o", tmp.resolve("oci.tar").toString(),
                "busybox:1")).isZero();
        assertThat(run("load", "--root", tmp.resolve("third").toString(), "-q", "-i", tmp.resolve("oci.tar").toString()))
                .isZero();
        assertThat(out.toString()).isEmpty();

        Path nowhere = tmp.resolve("absent-dir/x.tar");
        assertThat(run("save", "--root", root.toString(), "-o", nowhere.toString(), "busybox:1")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ERROR: open " + nowhere + ": no such file or directory\n");
        assertThat(run("save", "--root", root.toString(), "--format", "tgz", "-o", archive.toString(), "busybox:1"))
                .isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ERROR: unknown --format tgz: use docker or oci\n");
    }

    @Test
    void saveToStdoutUnlessItIsATerminalAndLoadFromStdin() {
        Stdio.stdoutIsTerminal = () -> true;
        assertThat(run("save", "--root", root.toString(), "busybox:1")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo(
                "ERROR: cowardly refusing to save to a terminal. Use the -o flag or redirect\n");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Stdio.stdoutIsTerminal = () -> false;
        Stdio.out = () -> bytes;
        assertThat(run("save", "--root", root.toString(), "busybox:1")).isZero();
        assertThat(bytes.size()).isGreaterThan(1024);

        Stdio.in = () -> new ByteArrayInputStream(bytes.toByteArray());
        assertThat(run("load", "--root", tmp.resolve("other").toString())).isZero();
        assertThat(out.toString()).isEqualTo("Loaded image: busybox:1\n");
    }

    @Test
    void importPrintsTheImageId() throws IOException {
        assertThat(run("import", "--root", root.toString(), "-m", "by hand", "-c", "CMD [\"/bin/sh\"]",
                "--change", "ENV A=b", tmp.resolve("tree").toString(), "mine:2")).isZero();
        assertThat(out.toString()).matches("sha256:[0-9a-f]{64}\n");
        assertThat(run("inspect", "--root", root.toString(), "mine:2")).isZero();
        assertThat(out.toString()).contains("\"comment\" : \"by hand\"", "\"Cmd\" : [ \"/bin/sh\" ]",
                "\"Env\" : [ \"A=b\" ]");

        // stdin is read when the source is "-"; text is no rootfs.
        Stdio.in = () -> new ByteArrayInputStream("no tar here\n".repeat(100).getBytes(StandardCharsets.UTF_8));
        assertThat(run("import", "--root", root.toString(), "-", "piped:1")).isEqualTo(1);
        assertThat(err.toString()).contains("is not a tar archive");
        assertThat(run("import", "--root", root.toString(), tmp.resolve("absent.tar").toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ERROR: open " + tmp.resolve("absent.tar") + ": no such file or directory\n");
    }

    @Test
    void loadRefusesAMalformedArchive() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.tar"), "x".repeat(2048));
        assertThat(run("load", "--root", root.toString(), "-i", bad.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR: ").contains("invalid archive").doesNotContain("\tat ");
    }

    @Test
    void duAndPrune() {
        assertThat(run("du", "--root", root.toString())).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("TYPE").contains("TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE");
        assertThat(lines[1]).matches("Images +1 +1 +- +-");
        assertThat(lines[2]).matches("Blobs +3 +3 +[0-9.]+k?B +0B \\(0%\\)");
        assertThat(lines[3]).matches("Build cache +0 +- +0B +0B \\(0%\\)");

        Stdio.in = () -> new ByteArrayInputStream("n\n".getBytes(StandardCharsets.UTF_8));
        assertThat(run("prune", "--root", root.toString(), "--all")).isZero();
        assertThat(out.toString()).startsWith("WARNING! This will remove all images").doesNotContain("Total");
        assertThat(run("images", "--root", root.toString())).isZero();
        assertThat(out.toString()).contains("busybox ");

        assertThat(run("prune", "--root", root.toString(), "-f")).isZero();
        assertThat(out.toString()).isEqualTo("Total reclaimed space: 0B\n");
        assertThat(run("prune", "--root", root.toString(), "-a", "-f")).isZero();
        assertThat(out.toString()).startsWith("Deleted Images:\nuntagged: docker.io/library/busybox:1\n\n")
                .containsPattern("Total reclaimed space: [0-9.]+k?B\n$");
        assertThat(run("du", "--root", root.toString())).isZero();
        assertThat(out.toString()).containsPattern("(?m)^Blobs +0 ");
    }
}
