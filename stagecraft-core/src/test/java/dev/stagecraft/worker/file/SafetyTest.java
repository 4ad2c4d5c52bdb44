package dev.stagecraft.worker.file;

import static dev.stagecraft.worker.file.Trees.copy;
import static dev.stagecraft.worker.file.Trees.describe;
import static dev.stagecraft.worker.file.Trees.file;
import static dev.stagecraft.worker.file.Trees.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.context.BuildContext;
import dev.stagecraft.context.DockerIgnore;
import dev.stagecraft.context.SourceNotFoundException;
import dev.stagecraft.context.SourceTree;
import dev.stagecraft.graph.FileAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile sources and destinations: nothing is read or written outside the roots. */
class SafetyTest {
    @TempDir
    Path base;

    private Path mk(String name) throws IOException {
        return Files.createDirectories(base.resolve(name));
    }

    @Test
    void aSourceClimbingOutOfTheContextIsTakenFromTheContextRoot() throws IOException {
        Path ctx = mk("ctx");
        Path dest = mk("dest");
        file(base, "secret", "outside", 0644);
        SourceTree tree = SourceTree.context(ctx, DockerIgnore.none());
        assertThatThrownBy(() -> run(dest, tree, copy("../secret", "/x")))
                .isInstanceOf(SourceNotFoundException.class).hasMessageEndingWith("\"/secret\": not found");
        file(ctx, "secret", "inside", 0644);
        run(dest, tree, copy("../../secret", "/x"));
        assertThat(describe(dest).get("/x")).endsWith(" inside");
    }

    @Test
    void aContextSymlinkToTheHostsPasswdIsResolvedInsideTheContext() throws IOException {
        Path ctx = mk("ctx");
        Path dest = mk("dest");
        Files.createSymbolicLink(ctx.resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(ctx.resolve("etcdir"), Path.of("/etc"));
        SourceTree tree = SourceTree.context(ctx, DockerIgnore.none());
        assertThatThrownBy(() -> run(dest, tree, copy("passwd", "/p")))
                .isInstanceOf(SourceNotFoundException.class).hasMessageEndingWith("\"/passwd\": not found");
        assertThatThrownBy(() -> run(dest, tree, copy("etcdir/passwd", "/p")))
                .isInstanceOf(SourceNotFoundException.class);
        file(ctx, "etc/passwd", "context's own", 0644);
        run(dest, tree, copy("passwd", "/p"));
        assertThat(describe(dest).get("/p")).endsWith(" context's own");
    }

    @Test
    void aSymlinkInsideACopiedDirectoryIsCopiedAsALinkNotFollowed() throws IOException {
        Path ctx = mk("ctx");
        Path dest = mk("dest");
        Files.createDirectories(ctx.resolve("d"));
        Files.createSymbolicLink(ctx.resolve("d/shadow"), Path.of("/etc/shadow"));
        run(dest, SourceTree.context(ctx, DockerIgnore.none()), copy("d", "/d"));
        assertThat(describe(dest).get("/d/shadow")).isEqualTo("L 0:0 -> /etc/shadow");
    }

    @Test
    void destinationSymlinksToSlashAndEtcLeadInsideTheDestination() throws IOException {
        Path ctx = mk("ctx");
        Path dest = mk("dest");
        file(ctx, "passwd", "evil", 0644);
        Files.createSymbolicLink(dest.resolve("root"), Path.of("/"));
        Files.createSymbolicLink(dest.resolve("conf"), Path.of("/etc"));
        Files.createSymbolicLink(dest.resolve("up"), Path.of("../../../../.."));
        SourceTree tree = SourceTree.context(ctx, DockerIgnore.none());
        String hostPasswd = Files.readString(Path.of("/etc/passwd"));
        run(dest, tree, copy("passwd", "/conf/passwd"), copy("passwd", "/root/evil"), copy("passwd", "/up/up/x"));
        assertThat(Files.readString(Path.of("/etc/passwd"))).isEqualTo(hostPasswd);
        assertThat(Files.isSymbolicLink(dest.resolve("conf"))).isTrue();
        // the link's target /etc is made inside the destination, as in a chroot
        assertThat(describe(dest).get("/etc/passwd")).endsWith(" evil");
        assertThat(describe(dest).get("/evil")).endsWith(" evil");
        assertThat(describe(dest).get("/x")).endsWith(" evil");
        assertThat(Files.exists(base.resolve("x"))).isFalse();
    }

    @Test
    void aLinkToItselfIsALoopNotAWayOut() throws IOException {
        Path ctx = mk("ctx");
        Path dest = mk("dest");
        file(ctx, "f", "x", 0644);
        Files.createSymbolicLink(dest.resolve("etc"), Path.of("/etc"));
        assertThatThrownBy(() -> run(dest, SourceTree.context(ctx, DockerIgnore.none()), copy("f", "/etc/passwd")))
                .isInstanceOf(FileOpException.class).hasMessageContaining("too many levels of symbolic links");
    }

    @Test
    void workdirAndInlineDocumentsThroughHostileLinksStayInside() throws IOException {
        Path dest = mk("dest");
        Files.createSymbolicLink(dest.resolve("scratch"), Path.of("/tmp"));
        FileActions.apply(new dev.stagecraft.graph.FileOp(0, List.of(
                new FileAction.Mkdir("/scratch/stagecraft-escape-test/work", 0755, true, null),
                new FileAction.Mkfile("/scratch/stagecraft-escape-test/doc", 0600, "x"))),
                dest, i -> null, new PasswdOwnerResolver(dest));
        assertThat(Files.exists(Path.of("/tmp/stagecraft-escape-test"))).isFalse();
        assertThat(describe(dest).get("/tmp/stagecraft-escape-test/work")).startsWith("D 0755 0:0");
        assertThat(describe(dest).get("/tmp/stagecraft-escape-test/doc")).startsWith("F 0600 0:0").endsWith(" x");
    }

    @Test
    void ignoredFilesDoNotExistForCopy() throws IOException {
        Path ctx = mk("ctx");
        Path dest = mk("dest");
        file(ctx, "app.py", "code", 0644);
        file(ctx, ".env", "SECRET=1", 0600);
        file(ctx, "logs/a.log", "a", 0644);
        file(ctx, "logs/keep.log", "k", 0644);
        Files.createSymbolicLink(ctx.resolve("envlink"), Path.of(".env"));
        Files.writeString(ctx.resolve(".dockerignore"), ".env\nlogs\n!logs/keep.log\n");
        BuildContext bc = BuildContext.open(ctx, null);
        run(dest, bc.tree(), copy(".", "/app/"));
        assertThat(describe(dest)).containsOnlyKeys("/app", "/app/app.py", "/app/logs", "/app/logs/keep.log",
                "/app/.dockerignore", "/app/envlink");
        assertThatThrownBy(() -> run(dest, bc.tree(), copy(".env", "/x")))
                .isInstanceOf(SourceNotFoundException.class).hasMessageEndingWith("\"/.env\": not found");
        assertThatThrownBy(() -> run(dest, bc.tree(), copy("envlink", "/x")))
                .isInstanceOf(SourceNotFoundException.class);
        run(dest, bc.tree(), copy("*.env", "/none/"));
        assertThat(describe(dest)).doesNotContainKey("/none");
    }
}
