package dev.stagecraft.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What {@code lstat(2)} says of one entry, as far as checksums need it: the mode with its type
 * bits, owner, size, device, and the fields that tell whether a regular file may have changed
 * since it was hashed (inode, mtime and ctime in nanoseconds).
 */
record FileStat(int mode, int uid, int gid, long size, long ino, long mtimeNanos, long ctimeNanos, long rdev) {
    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;
    static final int S_IFLNK = 0120000;
    static final int S_IFCHR = 0020000;
    static final int S_IFBLK = 0060000;
    // Java builds a map per call, its cost grows with the names asked for: owners only when they count.
    private static final String ATTRIBUTES = "unix:mode,size,ino,lastModifiedTime,ctime";
    private static final String WITH_OWNERS = ATTRIBUTES + ",uid,gid";

    /**
     * The entry {@code p} itself (a symlink is not followed), or null when nothing is there any more.
     *
     * @param owners whether uid and gid are wanted (else they are 0)
     */
    static FileStat lstat(Path p, boolean owners) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(p, owners ? WITH_OWNERS : ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        int mode = (Integer) a.get("mode");
        int type = mode & S_IFMT;
        long rdev = type == S_IFCHR || type == S_IFBLK ? (Long) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS) : 0;
        return new FileStat(mode, owners ? (Integer) a.get("uid") : 0, owners ? (Integer) a.get("gid") : 0,
                (Long) a.get("size"), (Long) a.get("ino"), nanos((FileTime) a.get("lastModifiedTime")),
                nanos((FileTime) a.get("ctime")), rdev);
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }

    int type() {
        return mode & S_IFMT;
    }

    boolean isDirectory() {
        return type() == S_IFDIR;
    }

    boolean isRegularFile() {
        return type() == S_IFREG;
    }

    boolean isSymlink() {
        return type() == S_IFLNK;
    }

    boolean isDevice() {
        return type() == S_IFCHR || type() == S_IFBLK;
    }
}
