package dev.stagecraft.snapshot;

import dev.stagecraft.StagecraftException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Mounting and unmounting through util-linux {@code mount(8)} and {@code umount(8)}: Java has no
 * mount(2), and the tools report errors in words a user can act on.
 */
final class Mounts {
    private Mounts() {
    }

    /** The result of one command. */
    record Run(int exit, String output) {
    }

    /**
     * Mounts overlayfs at {@code target} with {@code options}, running {@code mount} in
     * {@code cwd} so that relative directory names in the options resolve there.
     *
     * @throws StagecraftException naming the target and mount's own message if it fails
     */
    static void overlay(Path cwd, String options, Path target) throws IOException {
        Run r = run(cwd, List.of("mount", "-t", "overlay", "overlay", "-o", options, target.toString()));
        if (r.exit() != 0) {
            throw new StagecraftException("cannot mount overlayfs at " + target + ": " + r.output().strip());
        }
    }

    /** Bind-mounts {@code source} read-only at {@code target}; the result says whether it worked. */
    static Run bindReadOnly(Path source, Path target) throws IOException {
        return run(null, List.of("mount", "--bind", "-o", "ro", source.toString(), target.toString()));
    }

    /**
     * Unmounts {@code target}. A mount still busy (a process of a killed step holds a file) is
     * detached lazily instead, so the directories below it can still be removed.
     *
     * @throws StagecraftException if it stays mounted
     */
    static void unmount(Path target) throws IOException {
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
