package dev.stagecraft.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inode generation numbers of directories, read with {@code lsattr -d -v} (e2fsprogs, priority
 * required on Debian). ext4 hands a directory deleted and made again at once the same inode
 * number; the generation tells the new one from the old. File systems without generations
 * (tmpfs, btrfs) answer nothing, and callers fall back to inode numbers alone.
 */
final class DirGenerations {
    /** Well under the kernel's argument limit. */
    private static final int BATCH_CHARS = 64 * 1024;

    private DirGenerations() {
    }

    /** The generations of those of {@code dirs} that have one; never opens anything but directories. */
    static Map<Path, Long> read(List<Path> dirs) throws IOException {
        Map<Path, Long> out = new HashMap<>();
        if (dirs.isEmpty() || !onPath()) {
            return out;
        }
        List<String> batch = new ArrayList<>();
        int chars = 0;
        for (Path d : dirs) {
            batch.add(d.toString());
            chars += d.toString().length() + 1;
            if (chars > BATCH_CHARS) {
                run(batch, out);
                batch.clear();
                chars = 0;
            }
        }
        run(batch, out);
        return out;
    }

    private static void run(List<String> batch, Map<Path, Long> out) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("lsattr", "-d", "-v", "--"));
        cmd.addAll(batch);
        // Non-zero when some directory has no generation; the lines that parse still count.
        Mounts.Run r = Mounts.run(null, cmd);
        for (String line : r.output().split("\n")) {
            String[] f = line.strip().split("\\s+", 3);
            if (f.length == 3 && f[2].startsWith("/") && f[0].chars().allMatch(Character::isDigit)) {
                out.put(Path.of(f[2]), Long.parseLong(f[0]));
            }
        }
    }

    private static boolean onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "lsattr"))) {
                return true;
            }
        }
        return false;
    }
}
