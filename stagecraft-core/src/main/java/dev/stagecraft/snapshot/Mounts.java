package dev.stagecraft.snapshot;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.io.ErrnoException;
import dev.stagecraft.io.LinuxCalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Mounting and unmounting: through {@code mount(2)} and {@code umount2(2)} ({@link LinuxCalls})
 * where JNA loads, which saves a process per call; else through util-linux {@code mount(8)} and
 * {@code umount(8)}, which also serve the overlays whose absolute option string would not fit
 * the kernel's page (the tool can run in a directory and take short relative names).
 */
final class Mounts {
    private Mounts() {
    }

    /** The result of one command. */
    record Run(int exit, String output) {
    }

    /**
     * Mounts overlayfs at {@code target}: with {@code absoluteOptions} through mount(2) when the
     * calls are available and the options are given (null when they would not fit a page), else
     * with {@code relativeOptions} through {@code mount} run in {@code cwd}, where the relative
     * names resolve.
     *
     * @throws StagecraftException naming the target and why it failed
     */
    static void overlay(Path cwd, String relativeOptions, String absoluteOptions, Path target) throws IOException {
        if (absoluteOptions != null && LinuxCalls.available()) {
            overlayCall(absoluteOptions, target);
        } else {
            overlayTool(cwd, relativeOptions, target);
        }
    }

    /** Mounts overlayfs at {@code target} through mount(2); the options must name directories absolutely. */
    static void overlayCall(String options, Path target) throws IOException {
        try {
            LinuxCalls.mount("overlay", target, "overlay", 0, options);
        } catch (ErrnoException e) {
            // The kernel says only ENOENT or EINVAL; the path it could not find is what a user needs.
            throw new StagecraftException("cannot mount overlayfs at " + target + ": " + e.getMessage()
                    + missingDirs(null, options), e);
        }
    }

    /** Mounts overlayfs at {@code target} through {@code mount(8)} run in {@code cwd}. */
    static void overlayTool(Path cwd, String options, Path target) throws IOException {
        Run r = run(cwd, List.of("mount", "-t", "overlay", "overlay", "-o", options, target.toString()));
        if (r.exit() != 0) {
            throw new StagecraftException("cannot mount overlayfs at " + target + ": " + r.output().strip()
                    + missingDirs(cwd, options));
        }
    }

    /**
     * The directories named in overlay {@code options} (relative ones resolved in {@code cwd})
     * that do not exist, as a clause for a message.
     */
    private static String missingDirs(Path cwd, String options) {
        List<String> missing = new ArrayList<>();
        for (String option : options.split(",")) {
            int eq = option.indexOf('=');
            if (eq < 0 || !List.of("lowerdir", "upperdir", "workdir").contains(option.substring(0, eq))) {
                continue;
            }
            for (String dir : option.substring(eq + 1).split(":")) {
                Path p = cwd == null ? Path.of(dir) : cwd.resolve(dir);
                if (!Files.isDirectory(p)) {
                    missing.add(p.toString());
                }
            }
        }
        return missing.isEmpty() ? "" : " (no such directory: " + String.join(", ", missing) + ")";
    }

    /** Bind-mounts {@code source} read-only at {@code target}; the result says whether it worked. */
    static Run bindReadOnly(Path source, Path target) throws IOException {
        return LinuxCalls.available() ? bindReadOnlyCall(source, target) : bindReadOnlyTool(source, target);
    }

    /** {@link #bindReadOnly} through mount(2): a bind, then a read-only remount of it (the kernel ignores ro on the bind). */
    static Run bindReadOnlyCall(Path source, Path target) throws IOException {
        try {
            LinuxCalls.mount(source.toString(), target, null, LinuxCalls.MS_BIND, null);
        } catch (ErrnoException e) {
            return new Run(1, e.getMessage());
        }
        try {
            LinuxCalls.mount(null, target, null,
                    LinuxCalls.MS_BIND | LinuxCalls.MS_REMOUNT | LinuxCalls.MS_RDONLY, null);
            return new Run(0, "");
        } catch (ErrnoException e) {
            unmount(target); // never leave it writable
            return new Run(1, e.getMessage());
        }
    }

    /** {@link #bindReadOnly} through {@code mount(8)}. */
    static Run bindReadOnlyTool(Path source, Path target) throws IOException {
        return run(null, List.of("mount", "--bind", "-o", "ro", source.toString(), target.toString()));
    }

    /**
     * Unmounts {@code target}. A mount still busy (a process of a killed step holds a file) is
     * detached lazily instead, so the directories below it can still be removed.
     *
     * @throws StagecraftException if it stays mounted
     */
    static void unmount(Path target) throws IOException {
        if (LinuxCalls.available()) {
            unmountCall(target);
        } else {
            unmountTool(target);
        }
    }

    /** {@link #unmount} through umount2(2). */
    static void unmountCall(Path target) throws IOException {
        try {
            LinuxCalls.umount2(target, 0);
        } catch (ErrnoException e) {
            if (isMounted(target)) {
                try {
                    LinuxCalls.umount2(target, LinuxCalls.MNT_DETACH);
                } catch (ErrnoException lazy) {
                    if (isMounted(target)) {
                        throw new StagecraftException("cannot unmount " + target + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    /** {@link #unmount} through {@code umount(8)}. */
    static void unmountTool(Path target) throws IOException {
        Run r = run(null, List.of("umount", target.toString()));
        if (r.exit() != 0 && isMounted(target)) {
            Run lazy = run(null, List.of("umount", "-l", target.toString()));
            if (lazy.exit() != 0 && isMounted(target)) {
                throw new StagecraftException("cannot unmount " + target + ": " + r.output().strip());
            }
        }
    }

    /** Whether something is mounted exactly at {@code path}. */
    static boolean isMounted(Path path) throws IOException {
        return mountPoints().contains(path.toAbsolutePath().normalize());
    }

    /** Unmounts everything mounted at or below {@code dir}, deepest first. */
    static void unmountAllUnder(Path dir) throws IOException {
        Path base = dir.toAbsolutePath().normalize();
        List<Path> under = new ArrayList<>();
        for (Path p : mountPoints()) {
            if (p.startsWith(base)) {
                under.add(p);
            }
        }
        under.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path p : under) {
            unmount(p);
        }
    }

    /** Mount points of this process's mount namespace, from {@code /proc/self/mountinfo}. */
    private static List<Path> mountPoints() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            if (f.length > 4) {
                out.add(Path.of(unescape(f[4])));
            }
        }
        return out;
    }

    /** The kernel writes space, tab, newline and backslash in mount points as {@code \ooo}. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    static Run run(Path cwd, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        Process proc;
        try {
            proc = pb.start();
        } catch (IOException e) {
            throw new StagecraftException(command.get(0) + " (util-linux) could not be run: " + e.getMessage(), e);
        }
        String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            return new Run(proc.waitFor(), output);
        } catch (InterruptedException e) {
            proc.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }
}
