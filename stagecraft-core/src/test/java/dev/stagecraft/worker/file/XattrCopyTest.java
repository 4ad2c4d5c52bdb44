package dev.stagecraft.worker.file;

import static dev.stagecraft.worker.file.Trees.copy;
import static dev.stagecraft.worker.file.Trees.dir;
import static dev.stagecraft.worker.file.Trees.file;
import static dev.stagecraft.worker.file.Trees.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.archive.Xattrs;
import dev.stagecraft.context.DockerIgnore;
import dev.stagecraft.context.SourceTree;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COPY keeps extended attributes: {@code user.*} through Java, other namespaces through the attr tools. */
class XattrCopyTest {
    private static final byte[] CAP_NET_RAW = HexFormat.of().parseHex("0100000200200000000000000000000000000000");

    @TempDir
    Path src;
    @TempDir
    Path dest;

    @Test
    void userAndCapabilityAttributesArrive() throws IOException {
        assertThat(Xattrs.toolsPresent()).as("setfattr/getfattr (package attr) on the PATH").isTrue();
        dir(src, "bin", 0755);
        Path ping = file(src, "bin/ping", "P", 0755);
        Files.getFileAttributeView(ping, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .write("note", ByteBuffer.wrap(new byte[] {'h', 'i'}));
        assertThat(Xattrs.write(ping, "security.capability", CAP_NET_RAW, false)).isNull();
        Files.createSymbolicLink(src.resolve("bin/link"), Path.of("ping"));

        run(dest, SourceTree.context(src, DockerIgnore.none()), copy("bin", "/usr/bin"));

        Map<Path, Map<String, byte[]>> copied = Xattrs.readAll(dest.resolve("usr"));
        Path copiedPing = dest.resolve("usr/bin/ping").toAbsolutePath();
        assertThat(copied.get(copiedPing)).containsOnlyKeys("user.note", "security.capability");
        assertThat(copied.get(copiedPing).get("user.note")).containsExactly('h', 'i');
        assertThat(copied.get(copiedPing).get("security.capability")).containsExactly(CAP_NET_RAW);
        assertThat(copied).doesNotContainKey(dest.resolve("usr/bin/link").toAbsolutePath());
    }
}
