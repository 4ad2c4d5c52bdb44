package dev.stagecraft.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A small Linux root filesystem made from Debian's {@code busybox-static}: the binary, a link for
 * every applet, /etc/passwd and /etc/group with root, a user {@code app} (1000:1000) and
 * {@code nobody}, and a world-writable /tmp. Base images for tests, made offline.
 */
public final class BusyboxRootfs {
    /** Where Debian's busybox-static installs the binary. */
    public static final Path BUSYBOX = Path.of("/bin/busybox");

    private BusyboxRootfs() {
    }

    /** Fills {@code dir} (created if missing) with the root filesystem and returns it. */
    public static Path create(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(BUSYBOX)) {
            throw new IllegalStateException(BUSYBOX + " is missing: apt-get install -y busybox-static");
        }
        Files.createDirectories(dir.resolve("bin"));
        Files.copy(BUSYBOX, dir.resolve("bin/busybox"));
        Process list = new ProcessBuilder(BUSYBOX.toString(), "--list-full").redirectErrorStream(true).start();
        List<String> applets = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank()).toList();
        if (list.waitFor() != 0) {
            throw new IllegalStateException("busybox --list-full failed");
        }
        for (String applet : applets) {
            Path link = dir.resolve(applet);
            if (applet.equals("bin/busybox") || Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, link.getParent().relativize(dir.resolve("bin/busybox")));
        }
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                + "app:x:1000:1000:app:/home/app:/bin/sh\n"
                + "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        Files.writeString(dir.resolve("etc/group"), "root:x:0:\napp:x:1000:\nstaff:x:50:app\nnogroup:x:65534:\n");
        Files.createDirectories(dir.resolve("root"));
        Path home = Files.createDirectories(dir.resolve("home/app"));
        Files.setAttribute(home, "unix:uid", 1000);
        Files.setAttribute(home, "unix:gid", 1000);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setAttribute(tmp, "unix:mode", 01777);
        return dir;
    }
}
