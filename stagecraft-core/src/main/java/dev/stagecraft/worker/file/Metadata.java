package dev.stagecraft.worker.file;

import dev.stagecraft.archive.SpecialFiles;
import dev.stagecraft.io.PathAttributes;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the metadata of single entries: owner, mode, times, special files. Java's
 * time and xattr setters open the file, which blocks on a fifo and may act on a device, so nodes
 * get their times from {@code touch -h} and are made with {@code mknod(1)}.
 */
final class Metadata {
    static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    static final int S_IFMT = 0170000;
    static final int S_IFSOCK = 0140000;
    static final int S_IFBLK = 0060000;
    static final int S_IFCHR = 0020000;
    static final int S_IFIFO = 0010000;

    private final List<String> warnings = new ArrayList<>();

    /** What {@code stat} says of an entry itself. */
    record Stat(int mode, int uid, int gid, long ino, long dev, int nlink, long rdev, FileTime mtime,
            FileTime atime) {
        int type() {
            return mode & S_IFMT;
        }

        boolean isNode() {
            int t = type();
            return t == S_IFSOCK || t == S_IFBLK || t == S_IFCHR || t == S_IFIFO;
        }
    }

    List<String> warnings() {
        return warnings;
    }

    void warn(String message) {
        if (warnings.size() < 1000) {
            warnings.add(message);
        }
    }

    static BasicFileAttributes lstat(Path p) {
        return PathAttributes.lstat(p);
    }

    static Stat stat(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p,
                "unix:mode,uid,gid,ino,dev,nlink,rdev,lastModifiedTime,lastAccessTime", NOFOLLOW);
        return new Stat((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"), (Long) a.get("ino"),
                (Long) a.get("dev"), (Integer) a.get("nlink"), (Long) a.get("rdev"),
                (FileTime) a.get("lastModifiedTime"), (FileTime) a.get("lastAccessTime"));
    }

    /** Metadata of a directory the op created itself (a parent of a destination, WORKDIR). */
    void created(Path p, int mode, Owner owner, FileTime time) throws IOException {
        if (owner != null) {
            chown(p, owner);
        }
        Files.setAttribute(p, "unix:mode", mode & 07777);
        if (time != null) {
            times(p, time, time, false);
        }
    }

    void chown(Path p, Owner owner) throws IOException {
        Files.setAttribute(p, "unix:uid", owner.uid(), NOFOLLOW);
        Files.setAttribute(p, "unix:gid", owner.gid(), NOFOLLOW);
    }

    /** Sets the twelve mode bits of {@code p}, which must not be a symlink. */
    static void chmod(Path p, int mode) throws IOException {
        Files.setAttribute(p, "unix:mode", mode & 07777);
    }

    /** Sets the access and modification times of {@code p} itself. */
    void times(Path p, FileTime mtime, FileTime atime, boolean node) throws IOException {
        if (node) {
            String failure = SpecialFiles.touch(p, mtime);
            if (failure != null) {
                warn(p + ": time not set: " + failure);
            }
            return;
        }
        Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW).setTimes(mtime, atime, null);
    }

    /**
     * Makes a device node, fifo or socket like {@code source} at {@code target}, which must not exist.
     *
     * @return whether it was made (otherwise a warning says why)
     */
    boolean makeNode(Path target, Stat source) throws IOException {
        if (source.type() == S_IFSOCK) {
            try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.bind(UnixDomainSocketAddress.of(target));
            }
            return true;
        }
        String failure;
        if (source.type() == S_IFIFO) {
            failure = SpecialFiles.mknod(target, 'p', 0, 0);
        } else {
            long rdev = source.rdev();
            long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
            long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
            failure = SpecialFiles.mknod(target, source.type() == S_IFCHR ? 'c' : 'b', major, minor);
        }
        if (failure != null) {
            warn(target + ": special file skipped: " + failure);
            return false;
        }
        return true;
    }
}
