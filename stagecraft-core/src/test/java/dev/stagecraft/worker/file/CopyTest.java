package dev.stagecraft.worker.file;

import static dev.stagecraft.worker.file.Trees.T1;
import static dev.stagecraft.worker.file.Trees.T2;
import static dev.stagecraft.worker.file.Trees.copy;
import static dev.stagecraft.worker.file.Trees.describe;
import static dev.stagecraft.worker.file.Trees.dir;
import static dev.stagecraft.worker.file.Trees.file;
import static dev.stagecraft.worker.file.Trees.run;
import static dev.stagecraft.worker.file.Trees.secs;
import static dev.stagecraft.worker.file.Trees.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.context.DockerIgnore;
import dev.stagecraft.context.SourceNotFoundException;
import dev.stagecraft.context.SourceTree;
import dev.stagecraft.graph.FileAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COPY semantics on real directories, compared as whole trees. */
class CopyTest {
    @TempDir
    Path src;
    @TempDir
    Path dest;
    SourceTree context;

    @BeforeEach
    void context() throws IOException {
        Trees.owner(file(src, "a.txt", "A", 0640), 1000, 1000);
        file(src, "b.txt", "B", 0755);
        dir(src, "dir", 0750);
        file(src, "dir/x", "X", 0600);
        dir(src, "dir/sub", 0700);
        file(src, "dir/sub/y", "Y", 0644);
        Files.setLastModifiedTime(src.resolve("dir/sub"), T2);
        Files.setLastModifiedTime(src.resolve("dir"), T2);
        context = SourceTree.context(src, DockerIgnore.none());
    }

    @Test
    void aFileIntoAnExistingDirectoryKeepsModeAndMtimeAndBecomesRootOwned() throws IOException {
        dir(dest, "app", 0711);
        run(dest, context, copy("a.txt", "/app/"));
        Map<String, String> tree = describe(dest);
        assertThat(tree).containsOnlyKeys("/app", "/app/a.txt");
        assertThat(tree.get("/app")).startsWith("D 0711 0:0 "); // its mtime is now: it got a new entry
        assertThat(tree.get("/app/a.txt")).isEqualTo("F 0640 0:0 " + secs(T1) + " A");
    }

    @Test
    void aFileToANewNameCreatesParentsWithMode0755() throws IOException {
        run(dest, context, copy("/b.txt", "/usr/local/bin/tool"));
        Map<String, String> tree = describe(dest);
        assertThat(tree.get("/usr")).startsWith("D 0755 0:0");
        assertThat(tree.get("/usr/local/bin")).startsWith("D 0755 0:0");
        assertThat(tree.get("/usr/local/bin/tool")).isEqualTo("F 0755 0:0 " + secs(T1) + " B");
    }

    @Test
    void aTrailingSlashMakesTheDestinationADirectory() throws IOException {
        run(dest, context, copy("a.txt", "/newdir/"));
        assertThat(describe(dest)).containsKeys("/newdir", "/newdir/a.txt");
    }

    @Test
    void aDirectorySourceCopiesItsContents() throws IOException {
        run(dest, context, copy("dir", "/app"));
        assertThat(describe(dest)).containsExactly(
                Map.entry("/app", "D 0755 0:0 " + secs(T2)),
                Map.entry("/app/sub", "D 0700 0:0 " + secs(T2)),
                Map.entry("/app/sub/y", "F 0644 0:0 " + secs(T1) + " Y"),
                Map.entry("/app/x", "F 0600 0:0 " + secs(T1) + " X"));
    }

    @Test
    void directoriesMergeAndNestedOnesTakeTheSourceMetadata() throws IOException {
        dir(dest, "app/sub", 0777);
        file(dest, "app/keep", "K", 0644);
        file(dest, "app/x", "old", 0666);
        run(dest, context, copy("dir/", "/app/"));
        Map<String, String> tree = describe(dest);
        assertThat(tree.get("/app/keep")).endsWith(" K");
        assertThat(tree.get("/app/x")).isEqualTo("F 0600 0:0 " + secs(T1) + " X");
        assertThat(tree.get("/app/sub")).isEqualTo("D 0700 0:0 " + secs(T2));
    }

    @Test
    void wildcardsCopyEveryMatchAndAnEmptyMatchIsNotAnError() throws IOException {
        run(dest, context, copy("*.txt", "/out/"), copy("nomatch*", "/none/"));
        assertThat(describe(dest)).containsOnlyKeys("/out", "/out/a.txt", "/out/b.txt");
    }

    @Test
    void severalMatchesOntoAPathWithoutSlashReplaceEachOtherLikeBuildKit() throws IOException {
        run(dest, context, copy("*.txt", "/single"));
        assertThat(describe(dest)).containsExactly(Map.entry("/single", "F 0755 0:0 " + secs(T1) + " B"));
    }

    @Test
    void aMissingSourceIsNotFoundNamingThePath() {
        assertThatThrownBy(() -> run(dest, context, copy("missing.txt", "/x")))
                .isInstanceOf(SourceNotFoundException.class)
                .hasMessageEndingWith("\"/missing.txt\": not found");
        FileAction.Copy strict = new FileAction.Copy(0, "/nomatch*", "/x/", null, null, true, true, true, false,
                true, false, List.of(), List.of(), List.of());
        assertThatThrownBy(() -> run(dest, context, strict)).hasMessage("/nomatch* not found");
    }

    @Test
    void chownByIdByNameAndByGroupNameFromTheDestinationsOwnFiles() throws IOException {
        file(dest, "etc/passwd", "root:x:0:0::/root:/bin/sh\napp:x:1234:2345::/home/app:/bin/sh\n", 0644);
        file(dest, "etc/group", "root:x:0:\nstaff:x:50:\n", 0644);
        run(dest, context, with(copy("a.txt", "/byid"), "42", null), with(copy("a.txt", "/byname/"), "app", null),
                with(copy("a.txt", "/both"), "app:staff", null), with(copy("a.txt", "/idgroup"), "7:staff", null),
                with(copy("a.txt", "/unknown"), "nobody", null));
        Map<String, String> tree = describe(dest);
        assertThat(tree.get("/byid")).contains(" 42:42 ");
        assertThat(tree.get("/byname")).contains(" 1234:2345 ");
        assertThat(tree.get("/byname/a.txt")).contains(" 1234:2345 ");
        assertThat(tree.get("/both")).contains(" 1234:50 ");
        assertThat(tree.get("/idgroup")).contains(" 7:50 ");
        assertThat(tree.get("/unknown")).contains(" 0:0 ");
    }

    @Test
    void chmodOctalAndSymbolicApplyToFilesAndDirectories() throws IOException {
        run(dest, context, with(copy("dir", "/oct"), null, "0751"), with(copy("dir", "/sym"), null, "u=rwX,go=rX"),
                with(copy("b.txt", "/plus"), null, "go-x,+t"), with(copy("dir", "/x"), null, "a+X"));
        Map<String, String> tree = describe(dest);
        assertThat(tree.get("/oct/x")).startsWith("F 0751");
        assertThat(tree.get("/oct/sub")).startsWith("D 0751");
        assertThat(tree.get("/sym/x")).startsWith("F 0644");
        // dchapes-mode (BuildKit's parser) honours X only with '+': "u=rwX" gives no x even to directories
        assertThat(tree.get("/sym/sub")).startsWith("D 0644");
        assertThat(tree.get("/plus")).startsWith("F 1744");
        assertThat(tree.get("/x/sub")).startsWith("D 0711");
        assertThat(tree.get("/x/x")).startsWith("F 0600");
    }

    @Test
    void symlinksAreCopiedAsLinksButATopLevelLinkIsFollowed() throws IOException {
        Files.createSymbolicLink(src.resolve("dir/link"), Path.of("sub/y"));
        Files.createSymbolicLink(src.resolve("toplink"), Path.of("dir/sub"));
        run(dest, context, copy("dir", "/d"), copy("toplink", "/t"));
        Map<String, String> tree = describe(dest);
        assertThat(tree.get("/d/link")).isEqualTo("L 0:0 -> sub/y");
        assertThat(tree.get("/t/y")).endsWith(" Y");
    }

    @Test
    void hardlinksStayHardlinksWithinOneCopy() throws IOException {
        Files.createLink(src.resolve("dir/x2"), src.resolve("dir/x"));
        run(dest, context, copy("dir", "/d"));
        Object a = Files.getAttribute(dest.resolve("d/x"), "unix:ino");
        Object b = Files.getAttribute(dest.resolve("d/x2"), "unix:ino");
        assertThat(a).isEqualTo(b);
    }

    @Test
    void aFileCannotReplaceADirectoryNorADirectoryAFile() throws IOException {
        dir(dest, "t/x", 0755);
        assertThatThrownBy(() -> run(dest, context, copy("dir", "/t")))
                .hasMessage("cannot replace to directory /t/x with file");
        file(dest, "u/sub", "file", 0644);
        assertThatThrownBy(() -> run(dest, context, copy("dir", "/u")))
                .hasMessage("cannot copy to non-directory: /u/sub");
        Files.createDirectories(dest.resolve("real"));
        Files.createDirectories(dest.resolve("v"));
        Files.createSymbolicLink(dest.resolve("v/sub"), Path.of("/real"));
        assertThatThrownBy(() -> run(dest, context, copy("dir", "/v")))
                .hasMessage("cannot copy to non-directory: /v/sub");
    }

    @Test
    void anExistingFileOrSymlinkIsReplaced() throws IOException {
        file(dest, "f", "old", 0600);
        Files.createSymbolicLink(dest.resolve("l"), Path.of("/f"));
        run(dest, context, copy("dir/x", "/f"), copy("dir/sub", "/"));
        assertThat(describe(dest).get("/f")).endsWith(" X");
        run(dest, context, copy("b.txt", "/y"));
        assertThat(Files.isSymbolicLink(dest.resolve("l"))).isTrue();
    }

    @Test
    void aStageSourceKeepsItsOwnersWhileTheContextResetsThem() throws IOException {
        run(dest, SourceTree.of(src), copy("a.txt", "/stage"));
        run(dest, context, copy("a.txt", "/ctx"));
        assertThat(describe(dest).get("/stage")).contains(" 1000:1000 ");
        assertThat(describe(dest).get("/ctx")).contains(" 0:0 ");
    }

    @Test
    void userXattrsAreKept() throws IOException {
        Files.getFileAttributeView(src.resolve("a.txt"), java.nio.file.attribute.UserDefinedFileAttributeView.class)
                .write("note", java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
        run(dest, context, copy("a.txt", "/x"));
        var view = Files.getFileAttributeView(dest.resolve("x"),
                java.nio.file.attribute.UserDefinedFileAttributeView.class);
        assertThat(view.list()).containsExactly("note");
    }

    @Test
    void excludePatternsApplyBelowEachSourceAndParentsKeepThePathBelowThePivot() throws IOException {
        run(dest, context, new FileAction.Copy(0, "/dir", "/ex/", null, null, true, true, true, true, true, false,
                List.of(), List.of("sub"), List.of()));
        assertThat(describe(dest)).containsOnlyKeys("/ex", "/ex/x");
        run(dest, context, new FileAction.Copy(0, "/", "/par/", null, null, true, true, true, true, true, false,
                List.of("dir/sub/y"), List.of(), List.of("/dir/sub/y")));
        assertThat(describe(dest)).containsKeys("/par/dir/sub/y").doesNotContainKey("/par/dir/x")
                .doesNotContainKey("/par/a.txt");
        assertThat(describe(dest).get("/par/dir")).startsWith("D 0750 0:0");
        assertThatThrownBy(() -> run(dest, context, new FileAction.Copy(0, "/", "/p2/", null, null, true, true, true,
                true, true, false, List.of("dir/nope"), List.of(), List.of("/dir/nope"))))
                .isInstanceOf(SourceNotFoundException.class).hasMessageEndingWith("\"/dir/nope\": not found");
    }

    @Test
    void createdTimeSetsTheTimeOfEverythingTheCopyMakes() throws IOException {
        Files.createSymbolicLink(src.resolve("dir/link"), Path.of("x"));
        FileAction.Copy c = copy("dir", "/deep/app");
        FileActions.apply(new dev.stagecraft.graph.FileOp(0, List.of(c), "2000-01-02T03:04:05Z"), dest, i -> context,
                new PasswdOwnerResolver(dest));
        long epoch = 946782245L;
        // "deep" gets the time too, but creating "app" in it moves its mtime on, as in BuildKit
        for (String p : List.of("deep/app", "deep/app/x", "deep/app/sub", "deep/app/sub/y", "deep/app/link")) {
            assertThat(Files.getLastModifiedTime(dest.resolve(p), LinkOption.NOFOLLOW_LINKS).toMillis() / 1000)
                    .as(p).isEqualTo(epoch);
        }
    }

    @Test
    void aFifoIsCopiedAsAFifo() throws Exception {
        Process p = new ProcessBuilder("mkfifo", src.resolve("dir/fifo").toString()).start();
        assertThat(p.waitFor()).isZero();
        run(dest, context, copy("dir", "/f"));
        assertThat(Files.readAttributes(dest.resolve("f/fifo"), "unix:mode", LinkOption.NOFOLLOW_LINKS).get("mode"))
                .matches(m -> ((Integer) m & 0170000) == 0010000);
    }
}
