package dev.stagecraft.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Container paths resolved on the host the way the container will see them: every symlink on the
 * way is followed <em>inside</em> the root filesystem (an absolute target restarts at the root,
 * {@code ..} stops at the root), as containerd's {@code fs.RootPath} does. A link in an image can
 * therefore never make stagecraft read or create something outside the rootfs.
 */
public final class RootfsPaths {
    private static final int MAX_SYMLINKS = 40;

    private RootfsPaths() {
    }

    /**
     * The host path of {@code containerPath} in {@code rootfs}, all symlinks (the last component
     * too) followed within the rootfs. Missing components are kept as they are named.
     *
     * @throws ExecException on a symlink loop
     */
    public static Path resolve(Path rootfs, String containerPath) throws IOException {
        Deque<String> pending = new ArrayDeque<>();
        push(pending, containerPath);
        Deque<String> done = new ArrayDeque<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                done.pollLast();
                continue;
            }
            Path candidate = join(rootfs, done).resolve(part);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_SYMLINKS) {
                    throw new ExecException("too many levels of symbolic links resolving " + containerPath
                            + " in " + rootfs);
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    done.clear();
                }
                push(pending, target);
                continue;
            }
            done.addLast(part);
        }
        return join(rootfs, done);
    }

    /**
     * Creates {@code containerPath} and its missing parents as directories (mode 0755, owned by
     * {@code uid:gid}) within the rootfs, and returns its host path.
     */
    public static Path mkdirs(Path rootfs, String containerPath, int uid, int gid) throws IOException {
        Path target = resolve(rootfs, containerPath);
        if (Files.isDirectory(target)) {
            return target;
        }
        Path parent = target.getParent();
        if (parent != null && !target.equals(rootfs) && !Files.isDirectory(parent)) {
            String containerParent = "/" + rootfs.relativize(parent);
            mkdirs(rootfs, containerParent, uid, gid);
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ExecException(containerPath + " exists in " + rootfs + " and is not a directory");
        }
        Files.createDirectory(target);
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setAttribute(target, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(target, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        return target;
    }

    private static void push(Deque<String> pending, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            pending.push(parts[i]);
        }
    }

    private static Path join(Path rootfs, Deque<String> parts) {
        Path p = rootfs;
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }
}
