package dev.stagecraft.archive;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

/**
 * Device nodes and fifos, made by running {@code mknod(1)}: Java has no mknod(2). Creating
 * devices needs root (CAP_MKNOD); the caller turns a refusal into a recorded warning. Their
 * times are set with {@code touch(1)} for the reason given at {@link #touch}. Public for COPY,
 * which copies such nodes from a source tree.
 */
public final class SpecialFiles {
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
    public static String mknod(Path p, char type, long major, long minor) throws IOException {
        return run(type == 'p'
                ? List.of("mknod", "--", p.toString(), "p")
                : List.of("mknod", "--", p.toString(), String.valueOf(type), Long.toString(major),
                        Long.toString(minor)));
    }

    /**
     * Sets the access and modification times of the node {@code p} itself with {@code touch -h}:
     * Java's setter would open it, which blocks on a fifo and may act on a device. A missing
     * {@code p} is left missing ({@code -c}), not made a file.
     *
     * @return null when set, else why not
     */
    public static String touch(Path p, FileTime time) throws IOException {
        Instant t = time.toInstant();
        return run(List.of("touch", "-h", "-c", "-d", "@" + t.getEpochSecond() + "." + String.format("%09d", t.getNano()),
                "--", p.toString()));
    }

    private static String run(List<String> cmd) throws IOException {
        Process proc;
        try {
            proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return cmd.get(0) + " could not be run: " + e.getMessage();
        }
        String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            return proc.waitFor() == 0 ? null : cmd.get(0) + " failed: " + output.strip();
        } catch (InterruptedException e) {
            proc.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + cmd.get(0), e);
        }
    }
}
