package dev.stagecraft.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Paths of layer entries, resolved inside a root directory as if the root were {@code /}.
 *
 * <p>Names are cleaned lexically; an absolute name or one whose {@code ..} climbs above the root
 * is refused. Parent components are then walked one at a time with {@code NOFOLLOW_LINKS}: a
 * symlink met on the way (planted by this layer or a lower one) is followed <em>within</em> the
 * root, an absolute target restarting at the root and {@code ..} stopping there, the way
 * containerd's {@code fs.RootPath} and a chroot do. So {@code a -> /etc} then {@code a/passwd}
 * writes {@code <root>/etc/passwd}, never the host's. More than {@value #MAX_SYMLINKS} links on
 * one path is a loop and refused. The last component is never followed: the caller replaces
 * whatever is there.
 *
 * <p>This assumes nothing else changes the tree while a layer is applied.
 */
final class ScopedPaths {
    static final int MAX_SYMLINKS = 40; // Linux's MAXSYMLINKS

    private final Path root;

    ScopedPaths(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    Path root() {
        return root;
    }

    /**
     * The components of a tar name with {@code .}, empty components and inner {@code ..} removed.
     * An empty list means the root itself.
     */
    static List<String> clean(String entry, String name, String what) {
        if (name.isEmpty()) {
            throw LayerFormatException.entry(entry, "empty " + what);
        }
        if (name.indexOf('\0') >= 0) {
            throw LayerFormatException.entry(entry, what + " contains a NUL byte");
        }
        if (name.startsWith("/")) {
            throw LayerFormatException.entry(entry, "absolute " + what + " \"" + name + "\" is not allowed");
        }
        List<String> parts = new ArrayList<>();
        for (String c : name.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (parts.isEmpty()) {
                    throw LayerFormatException.entry(entry, what + " \"" + name + "\" climbs out of the root");
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(c);
            }
        }
        return parts;
    }

    /**
     * The directory that holds the last of {@code parts} (which must not be empty), resolved
     * inside the root. With {@code create}, missing directories are made (mode 0755, as
     * containerd does); without, a missing one yields a path that does not exist.
     *
     * @throws LayerFormatException if a parent is not a directory or symlinks loop
     */
    Path parentOf(String entry, List<String> parts, boolean create) throws IOException {
        Deque<String> pending = new ArrayDeque<>(parts.subList(0, parts.size() - 1));
        Path cur = root;
        int links = 0;
        while (!pending.isEmpty()) {
            String c = pending.pop();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                // cur has no symlinks in it, so its lexical parent is its real parent.
                cur = cur.equals(root) ? root : cur.getParent();
                continue;
            }
            Path next = cur.resolve(c);
            BasicFileAttributes a = lstat(next);
            if (a == null) {
                if (create) {
                    Files.createDirectory(next);
                }
                cur = next;
            } else if (a.isSymbolicLink()) {
                if (++links > MAX_SYMLINKS) {
                    throw LayerFormatException.entry(entry, "too many levels of symbolic links");
                }
                String target = Files.readSymbolicLink(next).toString();
                if (target.startsWith("/")) {
                    cur = root;
                }
                String[] tp = target.split("/");
                for (int i = tp.length - 1; i >= 0; i--) {
                    pending.push(tp[i]);
                }
            } else if (a.isDirectory()) {
                cur = next;
            } else {
                throw LayerFormatException.entry(entry, "parent \"" + root.relativize(next) + "\" is not a directory");
            }
        }
        return cur;
    }

    /** The attributes of {@code p} itself (not a symlink's target), or null if nothing is there. */
    static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
