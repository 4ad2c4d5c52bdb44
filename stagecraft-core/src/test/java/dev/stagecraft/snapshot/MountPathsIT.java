package dev.stagecraft.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.io.LinuxCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mounting through mount(2)/umount2(2) and through mount(8)/umount(8) gives the same mounts; an
 * overlay whose absolute options exceed a page still mounts (through the tool); a failed mount
 * names the directory it missed. Needs root.
 */
class MountPathsIT {
    @TempDir
    Path tmp;
    private Path lower1;
    private Path lower2;

    @BeforeEach
    void lowers() throws IOException {
        assertThat(LinuxCalls.available()).as("JNA system calls: %s", LinuxCalls.unavailableReason()).isTrue();
        lower1 = Files.createDirectory(tmp.resolve("lower1"));
        lower2 = Files.createDirectory(tmp.resolve("lower2"));
        Files.writeString(lower1.resolve("top"), "1");
        Files.writeString(lower2.resolve("top"), "2");
        Files.writeString(lower2.resolve("below"), "2");
    }

    @AfterEach
    void unmountAll() throws IOException {
        Mounts.unmountAllUnder(tmp);
    }

    @Test
    void overlayThroughTheCallAndTheToolShowTheSameTree() throws IOException {
        Path byCall = overlayDir("call");
        Path byTool = overlayDir("tool");
        Mounts.overlayCall(OverlayMount.options(List.of(lower1.toString(), lower2.toString()), true, byCall + "/"),
                byCall.resolve("merged"));
        Mounts.overlayTool(byTool, OverlayMount.options(List.of(lower1.toString(), lower2.toString()), true, ""),
                byTool.resolve("merged"));

        assertThat(Mounts.isMounted(byCall.resolve("merged"))).isTrue();
        assertThat(Mounts.isMounted(byTool.resolve("merged"))).isTrue();
        assertThat(listing(byCall.resolve("merged"))).isEqualTo(listing(byTool.resolve("merged")))
                .containsExactly("below=2", "top=1");
        Files.writeString(byCall.resolve("merged/new"), "n");
        assertThat(byCall.resolve("upper/new")).hasContent("n");

        Mounts.unmountCall(byCall.resolve("merged"));
        Mounts.unmountTool(byTool.resolve("merged"));
        assertThat(Mounts.isMounted(byCall.resolve("merged"))).isFalse();
        assertThat(Mounts.isMounted(byTool.resolve("merged"))).isFalse();
    }

    @Test
    void overlayMountTakesTheCallForAShortStack() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("short"));
        Path merged = OverlayMount.mount(dir, List.of(lower1, lower2), true);
        String options = mountOptions(merged);
        assertThat(options).contains("lowerdir=" + lower1 + ":" + lower2);
        assertThat(listing(merged)).containsExactly("below=2", "top=1");
    }

    @Test
    void moreLayersThanFitAPageAbsolutelyMountThroughTheTool() throws IOException {
        Path deep = Files.createDirectories(tmp.resolve("d".repeat(200)));
        List<Path> lowers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Path l = Files.createDirectory(deep.resolve("layer-" + i));
            Files.writeString(l.resolve("f" + i), Integer.toString(i));
            lowers.add(l);
        }
        List<String> absolute = lowers.stream().map(Path::toString).collect(Collectors.toList());
        assertThat(OverlayMount.fitsOnePage(OverlayMount.options(absolute, true, tmp + "/x/"), absolute)).isFalse();

        Path merged = OverlayMount.mount(Files.createDirectory(tmp.resolve("x")), lowers, true);

        assertThat(mountOptions(merged)).contains("lowerdir=l/0:l/1");
        assertThat(listing(merged)).hasSize(40).contains("f0=0", "f39=39");
        Mounts.unmount(merged);
        assertThat(Mounts.isMounted(merged)).isFalse();
    }

    @Test
    void aMissingLowerDirectoryIsNamedByBothPaths() throws IOException {
        Path missing = tmp.resolve("no-such-lower");
        Path byCall = overlayDir("call");
        Path byTool = overlayDir("tool");
        Files.createSymbolicLink(byTool.resolve("gone"), missing);

        assertThatThrownBy(() -> Mounts.overlayCall(
                OverlayMount.options(List.of(missing.toString(), lower1.toString()), true, byCall + "/"),
                byCall.resolve("merged")))
                .isInstanceOf(StagecraftException.class)
                .hasMessageStartingWith("cannot mount overlayfs at " + byCall.resolve("merged") + ": mount(2) of overlay")
                .hasMessageContaining("No such file or directory")
                .hasMessageEndingWith("(no such directory: " + missing + ")");
        assertThatThrownBy(() -> Mounts.overlayTool(byTool,
                OverlayMount.options(List.of("gone", lower1.toString()), true, ""), byTool.resolve("merged")))
                .isInstanceOf(StagecraftException.class)
                .hasMessageStartingWith("cannot mount overlayfs at " + byTool.resolve("merged"))
                .hasMessageEndingWith("(no such directory: " + byTool.resolve("gone") + ")");
        assertThat(Mounts.isMounted(byCall.resolve("merged"))).isFalse();
    }

    @Test
    void readOnlyBindsThroughTheCallAndTheToolAgree() throws IOException {
        Path byCall = Files.createDirectory(tmp.resolve("bind-call"));
        Path byTool = Files.createDirectory(tmp.resolve("bind-tool"));

        assertThat(Mounts.bindReadOnlyCall(lower2, byCall).exit()).isZero();
        assertThat(Mounts.bindReadOnlyTool(lower2, byTool).exit()).isZero();

        assertThat(listing(byCall)).isEqualTo(listing(byTool)).containsExactly("below=2", "top=2");
        for (Path p : List.of(byCall, byTool)) {
            assertThat(mountOptions(p)).startsWith("ro");
            assertThatThrownBy(() -> Files.writeString(p.resolve("new"), "x")).isInstanceOf(IOException.class)
                    .hasMessageContaining("Read-only file system");
        }
        assertThat(Mounts.bindReadOnlyCall(tmp.resolve("missing"), byCall.resolve("top")).output())
                .startsWith("mount(2) of " + tmp.resolve("missing") + " at " + byCall.resolve("top") + ": No such file");

        Mounts.unmountAllUnder(tmp);
        assertThat(Mounts.isMounted(byCall)).isFalse();
        assertThat(Mounts.isMounted(byTool)).isFalse();
    }

    @Test
    void aBusyMountIsDetachedLazily() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("busy"));
        Path merged = OverlayMount.mount(dir, List.of(lower1), true);
        Process holder = new ProcessBuilder("sleep", "600").directory(merged.toFile()).start();
        try {
            Mounts.unmountCall(merged);
            assertThat(Mounts.isMounted(merged)).isFalse();
        } finally {
            holder.destroy();
            holder.waitFor();
        }
    }

    private Path overlayDir(String name) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(name));
        for (String sub : List.of("upper", "work", "merged")) {
            Files.createDirectory(dir.resolve(sub));
        }
        return dir;
    }

    /** name=content of each file directly in {@code dir}, sorted. */
    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> out = new ArrayList<>();
            for (Path p : s.sorted().collect(Collectors.toList())) {
                out.add(p.getFileName() + "=" + Files.readString(p));
            }
            return out;
        }
    }

    /** The super and mount options of the mount at {@code p}, from /proc/self/mountinfo. */
    private static String mountOptions(Path p) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f[4].equals(p.toString())) {
                return f[5] + " " + line.substring(line.indexOf(" - ") + 3);
            }
        }
        throw new AssertionError(p + " is not mounted");
    }
}
