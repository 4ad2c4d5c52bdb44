package dev.stagecraft.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Root filesystems and archives for the image tests, made with the real tools. */
final class RootFsFixtures {
    static final Path BUSYBOX = Path.of("/bin/busybox");

    private RootFsFixtures() {
    }

    /** A busybox root filesystem: {@code bin/busybox}, {@code bin/sh} linking to it, {@code etc/hostname}. */
    static Path busyboxTree(Path dir) throws IOException {
        assertThat(BUSYBOX).as("busybox (Debian busybox or busybox-static) must be installed").isExecutable();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(BUSYBOX, bin.resolve("busybox"));
        Files.createSymbolicLink(bin.resolve("sh"), Path.of("busybox"));
        Files.writeString(Files.createDirectories(dir.resolve("etc")).resolve("hostname"), "stagecraft\n");
        return dir;
    }

    /** {@code tar -C tree -cf out .}, with {@code extra} options (say {@code --gzip}). */
    static Path tar(Path tree, Path out, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tar", "-C", tree.toString()));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("-cf", out.toString(), "."));
        run(cmd.toArray(String[]::new));
        return out;
    }

    /** Runs a tool and returns its output; fails the test with that output when it exits non-zero. */
    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        int exit = p.waitFor();
        assertThat(exit).as(String.join(" ", cmd) + " failed:\n" + output).isZero();
        return output;
    }

    /** Files in the root that are not blobs or its JSON state: temp and ingest leftovers. */
    static List<Path> leftovers(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(root.resolve("blobs")) && !f.startsWith(root.resolve("locks"))
                            && !f.getFileName().toString().matches("(references|leases)\\.json"))
                    .forEach(out::add);
        }
        return out;
    }
}
