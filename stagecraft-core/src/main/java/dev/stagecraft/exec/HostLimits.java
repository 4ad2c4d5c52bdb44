package dev.stagecraft.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this builder process may hand on to a step: a container cannot get capabilities outside
 * the builder's bounding set, nor an open-files limit above the builder's hard limit unless the
 * builder holds {@code CAP_SYS_RESOURCE} (often dropped in CI sandboxes and nested containers).
 */
public final class HostLimits {
    /** BuildKit's RLIMIT_NOFILE for steps. */
    public static final long BUILDKIT_NOFILE = 1048576;
    private static final int CAP_SYS_RESOURCE = 24;

    private HostLimits() {
    }

    /** {@link #BUILDKIT_NOFILE}, lowered to the builder's hard limit when it cannot raise that. */
    public static long openFilesLimit() {
        if (hasCapability(CAP_SYS_RESOURCE)) {
            return BUILDKIT_NOFILE;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return f[1].equals("unlimited") ? BUILDKIT_NOFILE : Math.min(BUILDKIT_NOFILE, Long.parseLong(f[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return BUILDKIT_NOFILE;
        }
        return BUILDKIT_NOFILE;
    }

    /** Whether capability number {@code bit} is in this process's bounding set. */
    public static boolean hasCapability(int bit) {
        return (boundingSet() >>> bit & 1) == 1;
    }

    private static long boundingSet() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapBnd:")) {
                    return Long.parseUnsignedLong(line.substring(7).trim(), 16);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1L;
        }
        return -1L;
    }
}
