package dev.stagecraft.snapshot;

import dev.stagecraft.archive.Xattrs;
import dev.stagecraft.io.LinuxCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Run in a JVM of its own by {@link WithoutJnaIT}: reads a tree's xattrs, writes one, mounts and
 * unmounts an overlay through whatever path this JVM has, and prints what it saw, one fact a line.
 */
public final class FallbackProbe {
    private FallbackProbe() {
    }

    /** Arguments: the tree to read, a directory for the overlay, then the lower directories. */
    public static void main(String[] args) throws IOException {
        Path tree = Path.of(args[0]);
        Path dir = Path.of(args[1]);
        List<Path> lowers = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            lowers.add(Path.of(args[i]));
        }
        System.out.println("available=" + LinuxCalls.available());
        System.out.println("reason=" + LinuxCalls.unavailableReason());
        describe(tree).forEach(System.out::println);
        Path written = Files.writeString(dir.resolve("written"), "w");
        System.out.println("write trusted=" + Xattrs.write(written, "trusted.probe", new byte[] {1, 2}, false));
        System.out.println("write user=" + Xattrs.write(written, "user.a=b\\c", new byte[] {3}, false));
        System.out.println("read back=" + hex(Xattrs.readAll(written).get(written)));
        Path merged = OverlayMount.mount(Files.createDirectory(dir.resolve("overlay")), lowers, true);
        System.out.println("mounted=" + Mounts.isMounted(merged));
        try (Stream<Path> s = Files.list(merged)) {
            s.map(p -> "merged " + p.getFileName()).sorted().forEach(System.out::println);
        }
        Mounts.unmount(merged);
        System.out.println("unmounted=" + !Mounts.isMounted(merged));
    }

    /** Every xattr under {@code tree}, one line each: relative path, name (Java-escaped), value in hex. */
    static List<String> describe(Path tree) throws IOException {
        List<String> out = new ArrayList<>();
        new TreeMap<>(Xattrs.readAll(tree)).forEach((p, attrs) -> attrs.forEach((name, value) ->
                out.add("xattr " + tree.relativize(p) + " " + name.replace("\n", "\\n") + " "
                        + HexFormat.of().formatHex(value))));
        return out;
    }

    private static Map<String, String> hex(Map<String, byte[]> attrs) {
        Map<String, String> out = new TreeMap<>();
        attrs.forEach((k, v) -> out.put(k, HexFormat.of().formatHex(v)));
        return out;
    }
}
