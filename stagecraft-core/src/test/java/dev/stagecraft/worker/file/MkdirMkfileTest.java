package dev.stagecraft.worker.file;

import static dev.stagecraft.worker.file.Trees.describe;
import static dev.stagecraft.worker.file.Trees.dir;
import static dev.stagecraft.worker.file.Trees.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.graph.FileAction;
import dev.stagecraft.graph.FileOp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WORKDIR (mkdir) and inline documents (mkfile). */
class MkdirMkfileTest {
    @TempDir
    Path dest;

    private FileOpResult apply(String created, FileAction... actions) {
        return FileActions.apply(new FileOp(0, List.of(actions), created), dest, i -> null,
                new PasswdOwnerResolver(dest));
    }

    @Test
    void workdirMakesParentsOwnedByTheUserWithMode0755() throws IOException {
        file(dest, "etc/passwd", "app:x:1001:1002::/home/app:/bin/sh\n", 0644);
        apply(null, new FileAction.Mkdir("/srv/app/data", 0755, true, "app"));
        Map<String, String> tree = describe(dest);
        assertThat(tree.get("/srv")).startsWith("D 0755 1001:1002");
        assertThat(tree.get("/srv/app/data")).startsWith("D 0755 1001:1002");
    }

    @Test
    void anExistingDirectoryIsLeftAsItIs() throws IOException {
        dir(dest, "srv", 0700);
        apply(null, new FileAction.Mkdir("/srv", 0755, true, "42:42"), new FileAction.Mkdir("/srv", 0755, false, "1"));
        assertThat(describe(dest).get("/srv")).startsWith("D 0700 0:0");
    }

    @Test
    void aFileInTheWayIsAnError() throws IOException {
        file(dest, "srv", "file", 0644);
        assertThatThrownBy(() -> apply(null, new FileAction.Mkdir("/srv/app", 0755, true, null)))
                .isInstanceOf(FileOpException.class).hasMessageContaining("/srv").hasMessageContaining("not a directory");
    }

    @Test
    void createdTimeIsGivenToWhatIsMade() throws IOException {
        apply("2020-02-02T00:00:00Z", new FileAction.Mkdir("/w", 0755, true, null),
                new FileAction.Mkfile("/w2", 0600, "doc"));
        assertThat(describe(dest).get("/w")).isEqualTo("D 0755 0:0 1580601600");
        assertThat(describe(dest).get("/w2")).isEqualTo("F 0600 0:0 1580601600 doc");
    }

    @Test
    void mkfileWritesTheContentReplacingAFileAndNeedsItsParent() throws IOException {
        file(dest, "doc", "old", 0644);
        apply(null, new FileAction.Mkfile("doc", 0640, "line1\nline2\n"));
        assertThat(describe(dest).get("/doc")).startsWith("F 0640 0:0").endsWith("line1\nline2");
        assertThatThrownBy(() -> apply(null, new FileAction.Mkfile("/no/such/doc", 0644, "x")))
                .hasMessage("mkfile /no/such/doc: no such file or directory");
    }
}
