package dev.stagecraft.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a directory tree as a reproducible layer tar, optionally compressed, computing the
 * diff id and the blob digest while the bytes stream out.
 *
 * <p>Same tree and options, same bytes: entries come in name order (a directory before its
 * contents, siblings sorted), and every header field is set here, since Commons Compress would
 * otherwise fill the user name and time from the environment. Modes keep setuid, setgid and
 * sticky; owners are the files' numeric ids unless {@link Builder#owner} overrides them; user
 * and group names stay empty unless {@link Builder#ownerNames} gives them; mtimes are whole
 * seconds, the file's own unless {@link Builder#mtime} fixes one for all. The root directory
 * itself is not an entry.
 *
 * <p>Regular files with several links become one file and hardlinks to it (matched by device
 * and inode). Symlinks are stored, not followed; character and block devices and fifos become
 * device entries; sockets, which tar cannot hold, are left out. Long names and links and
 * xattrs go into one PAX header written here byte for byte (Commons Compress would corrupt
 * binary xattr values, see {@link PaxRecords}). Xattrs are {@code user.*} and, when
 * {@link Xattrs} can read it (system calls or {@code getfattr}), {@code security.capability}.
 *
 * <p>{@link #writeChanges} writes a diff instead of a whole tree: chosen entries of a tree, with
 * whiteouts and opaque markers, as a snapshotter's differ found them (see {@link LayerChanges}).
 */
public final class LayerWriter {
    private static final int NAME_MAX_BYTES = TarConstants.NAMELEN - 1;
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFIFO = 0010000;

    private final Compression compression;
    private final Instant mtime;
    private final Integer uid;
    private final Integer gid;
    private final String userName;
    private final String groupName;

    private LayerWriter(Builder b) {
        this.compression = b.compression;
        this.mtime = b.mtime;
        this.uid = b.uid;
        this.gid = b.gid;
        this.userName = b.userName;
        this.groupName = b.groupName;
    }

    /** A writer of uncompressed tars with the files' own owners and mtimes. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes {@code tree} as a layer to {@code out}, which is flushed but not closed.
     *
     * @throws IOException if the tree cannot be read or {@code out} written
     */
    public WrittenLayer write(Path tree, OutputStream out) throws IOException {
        Path root = tree.toRealPath();
        return writeWith(root, out, Xattrs.readCapabilities(root), walk -> walk.children(root, ""));
    }

    /**
     * Writes only {@code changes} as a layer to {@code out}, which is flushed but not closed:
     * each added path's entry (and each parent directory's) as {@link #write} would write it from
     * {@code tree}, whiteouts as empty regular files {@code .wh.name} and opaque directories as
     * the directory followed by {@code dir/.wh..wh..opq}. Whiteout files have mode 0, owner 0:0
     * and the fixed {@link Builder#mtime} or, without one, the epoch, so the same changes give the
     * same bytes.
     *
     * @throws IOException if an added path cannot be read or {@code out} written
     */
    public WrittenLayer writeChanges(Path tree, LayerChanges changes, OutputStream out) throws IOException {
        Path root = tree.toRealPath();
        Map<Path, byte[]> known = changes.capabilities();
        return writeWith(root, out, known != null ? known : Xattrs.readCapabilities(root), walk -> {
            for (LayerChanges.Record r : changes.records()) {
                if (r.whiteout()) {
                    walk.whiteout(r.tarName());
                } else {
                    walk.entry(root.resolve(r.path()), r.tarName());
                }
            }
        });
    }

    private interface WalkBody {
        void run(Walk walk) throws IOException;
    }

    private WrittenLayer writeWith(Path root, OutputStream out, Map<Path, byte[]> capabilities, WalkBody body)
            throws IOException {
        DigestingOutputStream compressed = new DigestingOutputStream(out, false);
        DigestingOutputStream plain = new DigestingOutputStream(compression.wrap(compressed), true);
        // 512-byte blocks: the archive ends after the two zero records, as Go's writer does.
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(plain, 512, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_ERROR); // long names: our PAX header
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR); // no PAX of its own
            body.run(new Walk(tar, root, capabilities));
        }
        return new WrittenLayer(plain.digest(), compressed.digest(), compressed.size(), compression);
    }

    /** One pass over the tree; remembers the first name of each multiply-linked inode. */
    private final class Walk {
        private final TarArchiveOutputStream tar;
        private final Map<Path, byte[]> capabilities;
        private final Map<String, String> inodes = new HashMap<>();

        Walk(TarArchiveOutputStream tar, Path root, Map<Path, byte[]> capabilities) {
            this.tar = tar;
            this.capabilities = capabilities;
        }

        void children(Path dir, String prefix) throws IOException {
            List<Path> children = new ArrayList<>();
            try (var s = Files.newDirectoryStream(dir)) {
                s.forEach(children::add);
            }
            children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            for (Path child : children) {
                String name = prefix + child.getFileName();
                if (entry(child, name)) {
                    children(child, name + "/");
                }
            }
        }

        /** Writes an empty whiteout file named {@code name}. */
        void whiteout(String name) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
            e.setSize(0);
            e.setMode(0);
            e.setUserId(0);
            e.setGroupId(0);
            e.setUserName("");
            e.setGroupName("");
            Instant t = mtime != null ? mtime : Instant.EPOCH;
            e.setLastModifiedTime(FileTime.from(t.getEpochSecond(), TimeUnit.SECONDS));
            writeHeaders(e, null, Map.of());
            tar.closeArchiveEntry();
        }

        /** Writes the entry for {@code p}; true if it is a directory to descend into. */
        boolean entry(Path p, String name) throws IOException {
            Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            int type = mode & S_IFMT;
            TarArchiveEntry e;
            String linkName = null;
            boolean copyData = false;
            switch (type) {
                case S_IFDIR -> e = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
                case S_IFLNK -> {
                    e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                    linkName = Files.readSymbolicLink(p).toString();
                }
                case S_IFREG -> {
                    String first = null;
                    if ((Integer) a.get("nlink") > 1) {
                        String key = a.get("dev") + ":" + a.get("ino");
                        first = inodes.putIfAbsent(key, name);
                    }
                    if (first != null) {
                        e = new TarArchiveEntry(name, TarConstants.LF_LINK);
                        linkName = first;
                    } else {
                        e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
                        e.setSize((Long) a.get("size"));
                        copyData = true;
                    }
                }
                case S_IFCHR, S_IFBLK, S_IFIFO -> {
                    e = new TarArchiveEntry(name, type == S_IFCHR ? TarConstants.LF_CHR
                            : type == S_IFBLK ? TarConstants.LF_BLK : TarConstants.LF_FIFO);
                    long rdev = (Long) a.get("rdev");
                    // glibc's gnu_dev_major/gnu_dev_minor
                    e.setDevMajor((int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL)));
                    e.setDevMinor((int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL)));
                }
                default -> {
                    return false; // a socket: tar has no type for it
                }
            }
            e.setMode(mode & 07777);
            e.setUserId(uid != null ? uid : (Integer) a.get("uid"));
            e.setGroupId(gid != null ? gid : (Integer) a.get("gid"));
            e.setUserName(userName);
            e.setGroupName(groupName);
            Instant t = mtime != null ? mtime : ((FileTime) a.get("lastModifiedTime")).toInstant();
            e.setLastModifiedTime(FileTime.from(t.getEpochSecond(), TimeUnit.SECONDS));
            Map<String, byte[]> xattrs = Xattrs.readUser(p);
            byte[] cap = capabilities.get(p);
            if (cap != null) {
                xattrs.put(Xattrs.CAPABILITY, cap);
            }
            writeHeaders(e, linkName, xattrs);
            if (copyData) {
                try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                    in.transferTo(tar);
                }
            }
            tar.closeArchiveEntry();
            return type == S_IFDIR;
        }

        /** Puts the entry, preceded by one PAX header if a name, link or xattr needs it. */
        private void writeHeaders(TarArchiveEntry e, String linkName, Map<String, byte[]> xattrs)
                throws IOException {
            Map<String, byte[]> records = new TreeMap<>();
            String name = e.getName();
            if (utf8(name).length > NAME_MAX_BYTES) {
                records.put("path", utf8(name));
                e.setName(truncate(name));
            }
            if (linkName != null) {
                if (utf8(linkName).length > NAME_MAX_BYTES) {
                    records.put("linkpath", utf8(linkName));
                    linkName = truncate(linkName);
                }
                e.setLinkName(linkName);
            }
            xattrs.forEach((k, v) -> records.put(PaxRecords.XATTR_PREFIX + k, v));
            if (!records.isEmpty()) {
                byte[] body = PaxRecords.encode(records);
                TarArchiveEntry pax = TarEntries.fixed(truncate("PaxHeaders/" + name),
                        TarConstants.LF_PAX_EXTENDED_HEADER_LC, 0644);
                pax.setSize(body.length);
                tar.putArchiveEntry(pax);
                tar.write(body);
                tar.closeArchiveEntry();
            }
            tar.putArchiveEntry(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A prefix of {@code s} short enough for a ustar name field; the PAX record has the rest. */
    private static String truncate(String s) {
        int end = Math.min(s.length(), NAME_MAX_BYTES);
        while (utf8(s.substring(0, end)).length > NAME_MAX_BYTES || Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Options of a {@link LayerWriter}. */
    public static final class Builder {
        private Compression compression = Compression.NONE;
        private Instant mtime;
        private Integer uid;
        private Integer gid;
        private String userName = "";
        private String groupName = "";

        private Builder() {
        }

        /** How to compress the tar; {@link Compression#NONE} by default. */
        public Builder compression(Compression compression) {
            this.compression = Objects.requireNonNull(compression);
            return this;
        }

        /** One mtime for every entry (e.g. SOURCE_DATE_EPOCH), truncated to whole seconds. */
        public Builder mtime(Instant mtime) {
            this.mtime = Objects.requireNonNull(mtime);
            return this;
        }

        /** One numeric owner for every entry instead of the files' own. */
        public Builder owner(int uid, int gid) {
            this.uid = uid;
            this.gid = gid;
            return this;
        }

        /** User and group names for every entry; empty (numeric ids only) by default. */
        public Builder ownerNames(String userName, String groupName) {
            this.userName = Objects.requireNonNull(userName);
            this.groupName = Objects.requireNonNull(groupName);
            return this;
        }

        public LayerWriter build() {
            return new LayerWriter(this);
        }
    }
}
