package dev.stagecraft.archive;

import dev.stagecraft.io.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/** The state of applying one layer: what it touched, directories still to finish, warnings. */
final class LayerApplier {
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";
    private static final String OVERLAY_OPAQUE = "trusted.overlay.opaque";
    private static final int MAX_WARNINGS = 1000;
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /**
     * What a path is, for metadata: Java's xattr and time setters open the file, which for a
     * fifo blocks and for a device may have effects, so nodes go through {@code touch -h}.
     */
    private enum Kind { PLAIN, SYMLINK, NODE }

    private record Pending(TarArchiveEntry entry, Map<String, byte[]> pax) {
    }

    private final ScopedPaths paths;
    /** Whiteouts become overlayfs's own markers instead of deleting. */
    private final boolean overlayWhiteouts;
    /** Paths this layer created or replaced, and their parents: what an opaque whiteout keeps. */
    private final Set<Path> touched = new HashSet<>();
    private final Map<Path, Pending> directories = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private boolean ownershipWarned;
    private int entries;

    LayerApplier(ScopedPaths paths, boolean overlayWhiteouts) {
        this.paths = paths;
        this.overlayWhiteouts = overlayWhiteouts;
    }

    void apply(TarArchiveEntry e, Map<String, byte[]> pax, InputStream data) throws IOException {
        entries++;
        String name = e.getName();
        List<String> parts = ScopedPaths.clean(name, name, "name");
        if (parts.isEmpty()) {
            return; // "./": the root's own metadata belongs to whoever made the root
        }
        String base = parts.get(parts.size() - 1);
        if (base.startsWith(WHITEOUT)) {
            whiteout(name, parts, base);
            return;
        }
        Path dir = paths.parentOf(name, parts, true);
        Path target = dir.resolve(base);
        Path linkTarget = e.isLink() ? hardlinkTarget(e) : null;
        BasicFileAttributes existing = ScopedPaths.lstat(target);
        boolean isDir = e.isDirectory();
        if (existing != null && !(existing.isDirectory() && isDir)) {
            FileTrees.deleteRecursively(target);
        }
        touch(target);
        if (isDir) {
            if (existing == null || !existing.isDirectory()) {
                Files.createDirectory(target);
            }
            directories.remove(target);
            directories.put(target, new Pending(e, pax)); // finished last: children change its mtime
            return;
        }
        if (linkTarget != null) {
            Files.createLink(target, linkTarget); // shares the inode: no metadata of its own
            return;
        }
        switch (e.getLinkFlag()) {
            case '0', '\0', '7', 'S' -> writeFile(name, target, data);
            case '2' -> Files.createSymbolicLink(target, target.getFileSystem().getPath(e.getLinkName()));
            case '3', '4', '6' -> {
                char type = e.getLinkFlag() == '3' ? 'c' : e.getLinkFlag() == '4' ? 'b' : 'p';
                String failure = SpecialFiles.mknod(target, type, e.getDevMajor(), e.getDevMinor());
                if (failure != null) {
                    warn(name, "device node skipped: " + failure);
                    return;
                }
            }
            default -> {
                warn(name, "entry type '" + (char) e.getLinkFlag() + "' is not supported; skipped");
                return;
            }
        }
        byte flag = e.getLinkFlag();
        metadata(target, e, pax, flag == '2' ? Kind.SYMLINK : flag == '3' || flag == '4' || flag == '6'
                ? Kind.NODE : Kind.PLAIN);
    }

    /** Sets what directories still lack, now that nothing more is written into them. */
    ExtractResult finish() throws IOException {
        for (Map.Entry<Path, Pending> d : directories.entrySet()) {
            BasicFileAttributes a = ScopedPaths.lstat(d.getKey());
            if (a != null && a.isDirectory()) {
                metadata(d.getKey(), d.getValue().entry(), d.getValue().pax(), Kind.PLAIN);
            }
        }
        return new ExtractResult(entries, warnings);
    }

    private Path hardlinkTarget(TarArchiveEntry e) throws IOException {
        String name = e.getName();
        List<String> parts = ScopedPaths.clean(name, e.getLinkName(), "hardlink target");
        if (parts.isEmpty()) {
            throw LayerFormatException.entry(name, "hardlink to the root directory");
        }
        Path target = paths.parentOf(name, parts, false).resolve(parts.get(parts.size() - 1));
        BasicFileAttributes a = ScopedPaths.lstat(target);
        if (a == null) {
            throw LayerFormatException.entry(name, "hardlink target \"" + e.getLinkName() + "\" does not exist");
        }
        if (a.isDirectory()) {
            throw LayerFormatException.entry(name, "hardlink to directory \"" + e.getLinkName() + "\"");
        }
        return target;
    }

    private void whiteout(String name, List<String> parts, String base) throws IOException {
        if (overlayWhiteouts) {
            overlayWhiteout(name, parts, base);
            return;
        }
        Path dir = paths.parentOf(name, parts, false);
        if (base.equals(OPAQUE)) {
            BasicFileAttributes a = ScopedPaths.lstat(dir);
            if (a != null && a.isDirectory()) {
                opaque(dir);
            }
            return;
        }
        if (base.startsWith(WHITEOUT + WHITEOUT)) {
            return; // aufs bookkeeping (.wh..wh.plnk, .wh..wh.aufs), meaningless here
        }
        String victim = base.substring(WHITEOUT.length());
        if (victim.isEmpty() || victim.equals(".") || victim.equals("..")) {
            throw LayerFormatException.entry(name, "whiteout of \"" + victim + "\"");
        }
        FileTrees.deleteRecursively(dir.resolve(victim));
    }

    /** Writes a whiteout the way overlayfs keeps it in an upper or lower directory. */
    private void overlayWhiteout(String name, List<String> parts, String base) throws IOException {
        Path dir = paths.parentOf(name, parts, true);
        if (base.equals(OPAQUE)) {
            String failure = Xattrs.write(dir, OVERLAY_OPAQUE, new byte[] {'y'}, false);
            if (failure != null) {
                throw new IOException("cannot mark " + dir + " opaque for overlayfs (entry \"" + name + "\"): "
                        + failure);
            }
            return;
        }
        if (base.startsWith(WHITEOUT + WHITEOUT)) {
            return;
        }
        String victim = base.substring(WHITEOUT.length());
        if (victim.isEmpty() || victim.equals(".") || victim.equals("..")) {
            throw LayerFormatException.entry(name, "whiteout of \"" + victim + "\"");
        }
        Path target = dir.resolve(victim);
        FileTrees.deleteRecursively(target);
        touch(target);
        String failure = SpecialFiles.mknod(target, 'c', 0, 0);
        if (failure != null) {
            throw new IOException("cannot make the overlayfs whiteout " + target + " (entry \"" + name + "\"): "
                    + failure);
        }
    }

    /** Deletes what lower layers left in {@code dir}, keeping what this layer has put there. */
    private void opaque(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(children::add);
        }
        for (Path child : children) {
            if (!touched.contains(child)) {
                FileTrees.deleteRecursively(child);
            } else {
                BasicFileAttributes a = ScopedPaths.lstat(child);
                if (a != null && a.isDirectory()) {
                    opaque(child);
                }
            }
        }
    }

    private void touch(Path p) {
        for (Path q = p; q != null && !q.equals(paths.root()) && touched.add(q); q = q.getParent()) {
            // parents of a touched path are touched too
        }
    }

    private static void writeFile(String name, Path target, InputStream data) throws IOException {
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, NOFOLLOW)) {
            while (true) {
                int n;
                try {
                    n = data.read(buf);
                } catch (IOException e) {
                    throw LayerFormatException.entry(name, "cannot read its data: " + e.getMessage());
                }
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
            }
        }
    }

    /** Ownership, then mode (chown clears setuid and capabilities), then xattrs, then times. */
    private void metadata(Path p, TarArchiveEntry e, Map<String, byte[]> pax, Kind kind) throws IOException {
        boolean symlink = kind == Kind.SYMLINK;
        String name = e.getName();
        int uid = (int) e.getLongUserId();
        int gid = (int) e.getLongGroupId();
        if (SpecialFiles.ROOT) {
            Files.setAttribute(p, "unix:uid", uid, NOFOLLOW);
            Files.setAttribute(p, "unix:gid", gid, NOFOLLOW);
        } else if (!ownershipWarned && (uid != (int) Files.getAttribute(p, "unix:uid", NOFOLLOW)
                || gid != (int) Files.getAttribute(p, "unix:gid", NOFOLLOW))) {
            ownershipWarned = true;
            warn(name, "not running as root: ownership of this and later entries not applied");
        }
        if (!symlink) {
            Files.setAttribute(p, "unix:mode", e.getMode() & 07777);
        }
        for (Map.Entry<String, byte[]> x : xattrs(e, pax).entrySet()) {
            String failure = Xattrs.write(p, x.getKey(), x.getValue(), kind != Kind.PLAIN);
            if (failure != null) {
                warn(name, "xattr " + x.getKey() + " skipped: " + failure);
            }
        }
        FileTime mtime = e.getLastModifiedTime();
        FileTime atime = e.getLastAccessTime() != null ? e.getLastAccessTime() : mtime;
        if (kind == Kind.NODE) {
            String failure = SpecialFiles.touch(p, mtime);
            if (failure != null) {
                warn(name, "mtime not set: " + failure);
            }
            return;
        }
        try {
            Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW).setTimes(mtime, atime, null);
        } catch (IOException ex) {
            if (!symlink) {
                throw ex;
            } // Java cannot set a symlink's own times (it opens with O_NOFOLLOW); they are cosmetic
        }
    }

    /** xattrs from the raw PAX records; Commons Compress's decoded copy only if those are missing. */
    private static Map<String, byte[]> xattrs(TarArchiveEntry e, Map<String, byte[]> pax) {
        Map<String, byte[]> out = new TreeMap<>();
        for (Map.Entry<String, String> h : e.getExtraPaxHeaders().entrySet()) {
            if (h.getKey().startsWith(PaxRecords.XATTR_PREFIX)) {
                out.put(h.getKey().substring(PaxRecords.XATTR_PREFIX.length()),
                        h.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        for (Map.Entry<String, byte[]> r : pax.entrySet()) {
            if (r.getKey().startsWith(PaxRecords.XATTR_PREFIX)) {
                out.put(r.getKey().substring(PaxRecords.XATTR_PREFIX.length()), r.getValue());
            }
        }
        return out;
    }

    private void warn(String entry, String what) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add("\"" + entry + "\": " + what);
        } else if (warnings.size() == MAX_WARNINGS) {
            warnings.add("further warnings left out");
        }
    }
}
