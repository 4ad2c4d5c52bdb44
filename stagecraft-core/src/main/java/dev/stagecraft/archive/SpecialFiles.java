package dev.stagecraft.archive;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Device nodes and fifos, made by running {@code mknod(1)}: Java has no mknod(2). Creating
 * devices needs root (CAP_MKNOD); the caller turns a refusal into a recorded warning.
 */
final class SpecialFiles {
    /** Whether this process runs as root, and so may create devices and give files away. */
    static final boolean ROOT = new UnixSystem().getUid() == 0;

    private SpecialFiles() {
    }

    /**
     * Makes a node at {@code p}, which must not exist.
     *
     * @param type {@code 'c'}, {@code 'b'} or {@code 'p'}
     * @return null when made, else why not
     */
    static String mknod(Path p, char type, int major, int minor) throws IOException {
        List<String> cmd = type == 'p'
                ? List.of("mknod", "--", p.toString(), "p")
                : List.of("mknod", "--", p.toString(), String.valueOf(type), Integer.toString(major),
                        Integer.toString(minor));
        Process proc;
        try {
            proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return "mknod could not be run: " + e.getMessage();
        }
        String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            return proc.waitFor() == 0 ? null : "mknod failed: " + output.strip();
        } catch (InterruptedException e) {
            proc.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running mknod", e);
        }
    }
}
