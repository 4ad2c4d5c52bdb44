package dev.stagecraft.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** A root filesystem made from Debian's busybox-static: /bin/busybox, its applet links, a few users. */
public final class BusyboxRootfs {
    static final Path BUSYBOX = Path.of("/bin/busybox");

    static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            daemon:x:1:1:daemon:/usr/sbin:/bin/sh
            app:x:1000:1000:app:/home/app:/bin/sh
            nobody:x:65534:65534:nobody:/nonexistent:/bin/sh
            """;
    static final String GROUP = """
            root:x:0:
            daemon:x:1:
            tty:x:5:
            audio:x:29:app
            video:x:44:daemon,app
            app:x:1000:
            nogroup:x:65534:
            """;

    private BusyboxRootfs() {
    }

    /** Creates the rootfs in {@code dir} (which must exist and be empty); no /etc/hosts or resolv.conf. */
    public static Path create(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(BUSYBOX)) {
            throw new IllegalStateException(BUSYBOX + " is missing: install Debian's busybox-static");
        }
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(BUSYBOX, bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        // busybox --install -s inside the new root, so the links point at its own /bin/busybox.
        Process p = new ProcessBuilder("/usr/sbin/chroot", dir.toString(), "/bin/busybox", "--install", "-s", "/bin")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("busybox --install failed: " + out);
        }
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), PASSWD);
        Files.writeString(etc.resolve("group"), GROUP);
        Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(dir.resolve("home/app"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }
}
