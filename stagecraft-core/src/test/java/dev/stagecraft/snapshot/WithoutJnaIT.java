package dev.stagecraft.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.io.LinuxCalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where JNA cannot load its native part (here: {@code jna.tmpdir} on a noexec tmpfs), xattrs and
 * mounts still work through the attr and util-linux tools, and read what the system calls read.
 * Needs root (tmpfs, overlayfs, trusted.*).
 */
class WithoutJnaIT {
    @TempDir
    Path tmp;
    private Path noexec;

    @AfterEach
    void unmount() throws IOException {
        Mounts.unmountAllUnder(tmp);
    }

    @Test
    void toolsServeWhenJnaCannotLoad() throws Exception {
        assertThat(LinuxCalls.available()).as("JNA system calls here: %s", LinuxCalls.unavailableReason()).isTrue();
        noexec = Files.createDirectory(tmp.resolve("noexec"));
        Mounts.Run r = Mounts.run(null, List.of("mount", "-t", "tmpfs", "-o", "noexec,size=16m", "tmpfs",
                noexec.toString()));
        assertThat(r.exit()).as(r.output()).isZero();
        Path tree = Files.createDirectory(tmp.resolve("tree"));
        Path opaque = Files.createDirectories(tree.resolve("a/opaque"));
        LinuxCalls.setXattr(opaque, "trusted.overlay.opaque", new byte[] {'y'});
        Path ping = Files.writeString(tree.resolve("ping"), "p");
        LinuxCalls.setXattr(ping, "security.capability",
                HexFormat.of().parseHex("0100000200200000000000000000000000000000"));
        LinuxCalls.setXattr(ping, "user.odd\n=\\é", new byte[] {0, (byte) 0xff});
        Files.createSymbolicLink(tree.resolve("link"), ping);
        Path lower1 = Files.createDirectory(tmp.resolve("lower1"));
        Path lower2 = Files.createDirectory(tmp.resolve("lower2"));
        Files.writeString(lower1.resolve("one"), "1");
        Files.writeString(lower2.resolve("two"), "2");
        Path work = Files.createDirectory(tmp.resolve("work"));

        List<String> out = probe(tree, work, lower1, lower2);

        assertThat(out.get(0)).isEqualTo("available=false");
        assertThat(out.get(1)).startsWith("reason=JNA could not load: ").contains(noexec.toString());
        List<String> expected = new ArrayList<>(FallbackProbe.describe(tree));
        assertThat(expected).hasSize(3);
        expected.addAll(List.of("write trusted=null", "write user=null",
                "read back={trusted.probe=0102, user.a=b\\c=03}", "mounted=true", "merged one", "merged two",
                "unmounted=true"));
        assertThat(out.subList(2, out.size())).containsExactlyElementsOf(expected);
        assertThat(LinuxCalls.listXattrs(work.resolve("written"))).containsExactlyInAnyOrder("trusted.probe", "user.a=b\\c");
    }

    private List<String> probe(Path... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djna.tmpdir=" + noexec, "-cp", System.getProperty("java.class.path"), FallbackProbe.class.getName()));
        for (Path a : args) {
            command.add(a.toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        return List.of(output.split("\n"));
    }
}
