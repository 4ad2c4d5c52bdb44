package dev.stagecraft.worker.file;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.context.ResolvedPath;
import dev.stagecraft.context.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads {@code /etc/passwd} and {@code /etc/group} of a root directory (symlinks resolved inside
 * it), each time a name is asked, so a file op that first copies a passwd file and then uses a
 * name from it sees the new file. The first entry with the name wins, as in runc's user parser.
 */
public final class PasswdOwnerResolver implements OwnerResolver {
    private final Path root;

    public PasswdOwnerResolver(Path root) {
        this.root = root;
    }

    @Override
    public Owner user(String name) {
        for (String[] f : entries("/etc/passwd")) {
            if (f.length >= 4 && f[0].equals(name)) {
                return new Owner(number(f[2]), number(f[3]));
            }
        }
        return null;
    }

    @Override
    public Integer group(String name) {
        for (String[] f : entries("/etc/group")) {
            if (f.length >= 3 && f[0].equals(name)) {
                return number(f[2]);
            }
        }
        return null;
    }

    private java.util.List<String[]> entries(String file) {
        ResolvedPath p = SourceTree.of(root).resolve(file, true);
        if (!p.exists() || !p.attrs().isRegularFile()) {
            return java.util.List.of();
        }
        try {
            java.util.List<String[]> out = new java.util.ArrayList<>();
            for (String line : Files.readAllLines(p.host(), StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (!l.isEmpty()) {
                    out.add(l.split(":", -1));
                }
            }
            return out;
        } catch (IOException e) {
            throw new StagecraftException("failed to read " + file + " of the destination: " + e.getMessage(), e);
        }
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
