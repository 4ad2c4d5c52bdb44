package dev.stagecraft.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.io.LinuxCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system-call path and the getfattr/setfattr path of {@link Xattrs} see the same attributes
 * of a tree: overlay opaque markers (trusted.*), capabilities (security.*), user.* names with
 * odd bytes, symlinks neither followed nor descended into. Needs root for trusted.*.
 */
class XattrPathsIT {
    private static final byte[] CAP = HexFormat.of().parseHex("0100000200200000000000000000000000000000");
    private static final String ODD = "user.a=b\nc\\d é\u0001";

    @TempDir
    Path tmp;
    private Path tree;

    @BeforeEach
    void tree() throws IOException {
        assertThat(LinuxCalls.available()).as("JNA system calls: %s", LinuxCalls.unavailableReason()).isTrue();
        assertThat(XattrTools.present()).as("getfattr/setfattr (package attr) on the PATH").isTrue();
        tree = Files.createDirectory(tmp.resolve("tree"));
        Path opaque = Files.createDirectories(tree.resolve("opaque/dir"));
        LinuxCalls.setXattr(opaque, "trusted.overlay.opaque", new byte[] {'y'});
        Path ping = Files.writeString(tree.resolve("ping"), "#!/bin/true\n");
        LinuxCalls.setXattr(ping, Xattrs.CAPABILITY, CAP);
        LinuxCalls.setXattr(ping, ODD, new byte[] {0, '\n', (byte) 0xff});
        LinuxCalls.setXattr(ping, "user.empty", new byte[0]);
        LinuxCalls.setXattr(tree, "user.top", new byte[] {'t'});
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        LinuxCalls.setXattr(outside, "user.outside", new byte[] {'o'});
        LinuxCalls.setXattr(Files.writeString(outside.resolve("f"), "f"), "user.outside", new byte[] {'o'});
        Path toDir = Files.createSymbolicLink(tree.resolve("to-dir"), outside);
        LinuxCalls.setXattr(toDir, "trusted.link", new byte[] {'l'});
        Files.createSymbolicLink(tree.resolve("to-file"), outside.resolve("f"));
        Path named = Files.writeString(tree.resolve("sp ace\\and\nnl"), "n");
        LinuxCalls.setXattr(named, "user.n", new byte[] {'n'});
    }

    @Test
    void bothPathsReadTheSameTree() throws IOException {
        Map<Path, Map<String, String>> calls = hex(XattrCalls.dump(tree, n -> true));
        Map<Path, Map<String, String>> tools = hex(XattrTools.dump(tree, "-"));

        assertThat(calls).isEqualTo(tools);
        assertThat(calls).containsOnlyKeys(tree, tree.resolve("opaque/dir"), tree.resolve("ping"),
                tree.resolve("to-dir"), tree.resolve("sp ace\\and\nnl"));
        assertThat(calls.get(tree.resolve("ping"))).containsOnlyKeys(Xattrs.CAPABILITY, ODD, "user.empty");
        assertThat(calls.get(tree.resolve("ping")).get(ODD)).isEqualTo("000aff");
        assertThat(calls.get(tree.resolve("to-dir"))).containsOnlyKeys("trusted.link");
    }

    @Test
    void bothPathsReadTheSameNamedAttributes() throws IOException {
        List<String> names = List.of("trusted.overlay.opaque", Xattrs.CAPABILITY);
        Map<Path, Map<String, String>> calls = hex(XattrCalls.dump(tree, names::contains));
        Map<Path, Map<String, String>> tools = hex(XattrTools.dump(tree, XattrTools.exactly(names)));

        assertThat(calls).isEqualTo(tools)
                .containsOnlyKeys(tree.resolve("opaque/dir"), tree.resolve("ping"));
        assertThat(Xattrs.readTree(tree, names).get(Xattrs.CAPABILITY)).containsOnlyKeys(tree.resolve("ping"));
        assertThat(Xattrs.readCapabilities(tree).get(tree.resolve("ping"))).isEqualTo(CAP);
    }

    @Test
    void bothPathsWriteTheSameAttributes() throws IOException {
        Map<Path, Map<String, byte[]>> source = XattrCalls.dump(tree, n -> true);
        Path byCalls = Files.writeString(tmp.resolve("by-calls"), "");
        Path byTools = Files.writeString(tmp.resolve("by-tools"), "");
        for (Map.Entry<String, byte[]> x : source.get(tree.resolve("ping")).entrySet()) {
            assertThat(XattrCalls.write(byCalls, x.getKey(), x.getValue())).isNull();
            assertThat(XattrTools.write(byTools, x.getKey(), x.getValue())).isNull();
        }

        assertThat(hex(Map.of(Path.of("f"), XattrCalls.read(byCalls, n -> true))))
                .isEqualTo(hex(Map.of(Path.of("f"), XattrCalls.read(byTools, n -> true))))
                .isEqualTo(hex(Map.of(Path.of("f"), source.get(tree.resolve("ping")))));
    }

    @Test
    void userAttributesOfOneFileMatchJavasView() throws IOException {
        assertThat(Xattrs.readUser(tree.resolve("ping"))).containsOnlyKeys(ODD, "user.empty");
        assertThat(Xattrs.readUser(tree.resolve("to-file"))).isEmpty();
        assertThat(Xattrs.write(tree.resolve("to-file"), "user.x", new byte[] {1}, true)).isNotNull();
        assertThat(Xattrs.write(tree.resolve("to-file"), "trusted.x", new byte[] {1}, true)).isNull();
        assertThat(LinuxCalls.listXattrs(tmp.resolve("outside/f"))).containsExactly("user.outside");
    }

    private static Map<Path, Map<String, String>> hex(Map<Path, Map<String, byte[]>> dump) {
        Map<Path, Map<String, String>> out = new TreeMap<>();
        dump.forEach((p, attrs) -> {
            Map<String, String> m = new TreeMap<>();
            attrs.forEach((k, v) -> m.put(k, HexFormat.of().formatHex(v)));
            out.put(p, m);
        });
        return out;
    }
}
