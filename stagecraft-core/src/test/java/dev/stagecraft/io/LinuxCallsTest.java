package dev.stagecraft.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JNA system calls on real files: user attributes, error messages, names that are not UTF-8. */
class LinuxCallsTest {
    @TempDir
    Path tmp;

    @Test
    void loadsOnThisMachine() {
        assertThat(LinuxCalls.unavailableReason()).isNull();
        assertThat(LinuxCalls.available()).isTrue();
    }

    @Test
    void attributesRoundTripWithOddBytesInNameAndValue() throws IOException {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        String odd = "user.a=b\nc\\d é";
        byte[] value = {0, 1, (byte) 0xff, '\n', 0};
        LinuxCalls.setXattr(f, odd, value);
        LinuxCalls.setXattr(f, "user.empty", new byte[0]);

        assertThat(LinuxCalls.listXattrs(f)).containsExactlyInAnyOrder(odd, "user.empty");
        assertThat(LinuxCalls.getXattr(f, odd)).isEqualTo(value);
        assertThat(LinuxCalls.getXattr(f, "user.empty")).isEmpty();
        assertThat(LinuxCalls.getXattr(f, "user.none")).isNull();

        LinuxCalls.removeXattr(f, odd);
        assertThat(LinuxCalls.listXattrs(f)).containsExactly("user.empty");
    }

    @Test
    void symlinksAreNotFollowed() throws IOException {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        LinuxCalls.setXattr(f, "user.target", new byte[] {'t'});
        Path link = Files.createSymbolicLink(tmp.resolve("link"), f);

        assertThat(LinuxCalls.listXattrs(link)).doesNotContain("user.target");
        assertThat(LinuxCalls.getXattr(link, "user.target")).isNull();
        // Linux refuses user.* on a symlink itself: proof the call did not go to the target
        assertThatThrownBy(() -> LinuxCalls.setXattr(link, "user.x", new byte[] {1}))
                .isInstanceOf(ErrnoException.class);
        assertThat(LinuxCalls.listXattrs(f)).containsExactly("user.target");
    }

    @Test
    void errorsNameTheCallThePathAndTheReason() {
        Path missing = tmp.resolve("missing");
        assertThatThrownBy(() -> LinuxCalls.getXattr(missing, "user.x"))
                .isInstanceOf(ErrnoException.class)
                .hasMessage("lgetxattr(2) of user.x on " + missing + ": No such file or directory")
                .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(LinuxCalls.ENOENT));
        assertThatThrownBy(() -> LinuxCalls.umount2(missing, 0))
                .hasMessageStartingWith("umount2(2) of " + missing + ": ");
        assertThatThrownBy(() -> LinuxCalls.mount("overlay", missing, "overlay", 0, "lowerdir=" + missing))
                .hasMessageStartingWith("mount(2) of overlay at " + missing + ": ");
    }

    @Test
    void reachesAFileWhoseNameIsNotUtf8() throws Exception {
        // Java cannot create such a name; the shell can.
        Process p = new ProcessBuilder("/bin/sh", "-c", "touch \"$(printf 'bad\\377name')\"")
                .directory(tmp.toFile()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        Path odd;
        try (Stream<Path> s = Files.list(tmp)) {
            odd = s.filter(x -> x.getFileName().toString().startsWith("bad")).findFirst().orElseThrow();
        }
        assertThat(odd.toString()).contains("\uFFFD");

        LinuxCalls.setXattr(odd, "user.k", "v".getBytes(StandardCharsets.UTF_8));

        assertThat(LinuxCalls.getXattr(odd, "user.k")).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
        Process get = new ProcessBuilder("/bin/sh", "-c", "getfattr --only-values -n user.k \"$(printf 'bad\\377name')\"")
                .directory(tmp.toFile()).start();
        assertThat(new String(get.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("v");
        assertThat(get.waitFor()).isZero();
    }
}
