package dev.stagecraft.worker.file;

import dev.stagecraft.context.PatternMatcher;
import dev.stagecraft.context.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies one source entry (and, for a directory, everything below it) onto a destination path,
 * with the semantics of fsutil's copier as BuildKit's COPY uses it:
 * <ul>
 * <li>directories merge into existing directories; a nested existing directory takes the source
 *     directory's owner, mode and times; a directory over anything else fails with
 *     {@code cannot copy to non-directory: <path>} (a symlink there is not followed);
 * <li>a file replaces a file or symlink, and fails over a directory with
 *     {@code cannot replace to directory <path> with file};
 * <li>symlinks are copied as symlinks; files that are hard links of each other in the source stay
 *     hard links of each other (within this copy);
 * <li>owner: the {@code --chown} one, else the source's (0:0 for a build context); mode: the
 *     source's, changed by {@code --chmod}; times: the source's mtime, or the op's created time;
 *     xattrs copied best effort;
 * <li>include/exclude patterns are matched against the path below the copied source; a directory
 *     that is not itself included is only made when something inside it is copied.
 * </ul>
 */
final class TreeCopier {
    private final SourceTree source;
    private final DestinationRoot dest;
    private final Metadata meta;
    private final Owner chown;
    private final ModeSpec mode;
    private final FileTime utime;
    private final PatternMatcher include;
    private final PatternMatcher exclude;
    private final Map<String, Path> inodes = new HashMap<>();
    private final List<Pending> parents = new ArrayList<>();
    private XattrCopy xattrs;

    /** A directory on the way down whose copy may wait for an included entry below it. */
    private static final class Pending {
        final String src;
        final Path dst;
        boolean copied;

        Pending(String src, Path dst) {
            this.src = src;
            this.dst = dst;
        }
    }

    TreeCopier(SourceTree source, DestinationRoot dest, Metadata meta, Owner chown, ModeSpec mode, FileTime utime,
            PatternMatcher include, PatternMatcher exclude) {
        this.source = source;
        this.dest = dest;
        this.meta = meta;
        this.chown = chown;
        this.mode = mode;
        this.utime = utime;
        this.include = include;
        this.exclude = exclude;
    }

    /** Copies the real source path {@code srcRel} to {@code target} (a host path under the destination root). */
    void copyTop(String srcRel, Path target) throws IOException {
        xattrs = XattrCopy.of(host(srcRel));
        copy(srcRel, "", target, false, PatternMatcher.rootInfo(), PatternMatcher.rootInfo());
    }

    private Path host(String rel) {
        String r = rel.startsWith("/") ? rel.substring(1) : rel;
        return r.isEmpty() ? source.root() : source.root().resolve(r);
    }

    private void copy(String src, String components, Path target, boolean overwrite, PatternMatcher.MatchInfo incInfo,
            PatternMatcher.MatchInfo excInfo) throws IOException {
        BasicFileAttributes fi = source.entry(src);
        boolean included = true;
        PatternMatcher.MatchInfo inc = PatternMatcher.rootInfo();
        PatternMatcher.MatchInfo exc = PatternMatcher.rootInfo();
        if (!components.isEmpty()) {
            if (include != null) {
                PatternMatcher.Result r = include.matchesUsingParent(components, incInfo);
                included = r.matched();
                inc = r.info();
            }
            if (exclude != null) {
                PatternMatcher.Result r = exclude.matchesUsingParent(components, excInfo);
                if (r.matched()) {
                    included = false;
                }
                exc = r.info();
            }
        }
        if (fi == null) {
            if (!included) {
                return;
            }
            throw new FileOpException("failed to stat source path " + src + ": no such file or directory");
        }
        BasicFileAttributes targetFi = Metadata.lstat(target);
        if (included) {
            createParents(overwrite);
        }
        if (!fi.isDirectory()) {
            if (!included) {
                return;
            }
            if (targetFi != null) {
                if (targetFi.isDirectory()) {
                    throw new FileOpException("cannot replace to directory " + dest.shown(target) + " with file");
                }
                Files.delete(target);
            }
        }
        Path srcHost = host(src);
        Metadata.Stat st = Metadata.stat(srcHost);
        boolean copyInfo = included;
        boolean restoreTimes = false;
        if (fi.isDirectory()) {
            boolean created = copyDirectory(src, components, target, st, overwrite, included, inc, exc);
            if (!overwrite) {
                copyInfo = created;
                restoreTimes = !created;
            }
        } else if (fi.isRegularFile()) {
            String key = st.nlink() > 1 ? st.dev() + ":" + st.ino() : null;
            Path first = key == null ? null : inodes.get(key);
            if (first != null) {
                Files.createLink(target, first);
            } else {
                Files.copy(srcHost, target, Metadata.NOFOLLOW);
                if (key != null) {
                    inodes.put(key, target);
                }
            }
        } else if (fi.isSymbolicLink()) {
            Files.createSymbolicLink(target, Files.readSymbolicLink(srcHost));
        } else if (st.isNode()) {
            if (!meta.makeNode(target, st)) {
                return;
            }
        }
        if (copyInfo) {
            copyInfo(srcHost, st, target);
        } else if (restoreTimes && targetFi != null) {
            setTimes(st, target);
        }
    }

    private boolean copyDirectory(String src, String components, Path dst, Metadata.Stat st, boolean overwrite,
            boolean included, PatternMatcher.MatchInfo inc, PatternMatcher.MatchInfo exc) throws IOException {
        Pending parent = new Pending(src, dst);
        boolean created = false;
        if (included) {
            created = directoryOnly(dst, st, overwrite);
            parent.copied = true;
        }
        parents.add(parent);
        try {
            for (String name : source.children(src)) {
                String childSrc = src.endsWith("/") ? src + name : src + "/" + name;
                String childComponents = components.isEmpty() ? name : components + "/" + name;
                copy(childSrc, childComponents, dst.resolve(name), true, inc, exc);
            }
        } finally {
            parents.remove(parents.size() - 1);
        }
        return created;
    }

    /** Makes {@code dst} a directory: true when it was created. */
    private boolean directoryOnly(Path dst, Metadata.Stat st, boolean overwrite) throws IOException {
        BasicFileAttributes a = Metadata.lstat(dst);
        if (a == null) {
            Files.createDirectory(dst);
            return true;
        }
        if (!a.isDirectory()) {
            throw new FileOpException("cannot copy to non-directory: " + dest.shown(dst));
        }
        if (overwrite) {
            Metadata.chmod(dst, st.mode());
        }
        return false;
    }

    /** Makes the directories still waiting on the way down to an included entry. */
    private void createParents(boolean overwrite) throws IOException {
        for (Pending p : parents) {
            if (p.copied) {
                continue;
            }
            Path srcHost = host(p.src);
            Metadata.Stat st = Metadata.stat(srcHost);
            if (directoryOnly(p.dst, st, overwrite)) {
                copyInfo(srcHost, st, p.dst);
            }
            p.copied = true;
        }
    }

    private void copyInfo(Path srcHost, Metadata.Stat st, Path target) throws IOException {
        Owner owner = chown != null ? chown
                : source.resetsOwnership() ? Owner.ROOT : new Owner(st.uid(), st.gid());
        meta.chown(target, owner);
        boolean symlink = (st.mode() & Metadata.S_IFMT) == 0120000;
        if (!symlink) {
            int bits = st.mode() & 07777;
            if (mode != null) {
                bits = mode.apply(bits, (st.mode() & Metadata.S_IFMT) == 0040000);
            }
            Metadata.chmod(target, bits);
        }
        setTimes(st, target);
        xattrs.copy(srcHost, target, !symlink && !st.isNode(), meta);
    }

    private void setTimes(Metadata.Stat st, Path target) throws IOException {
        FileTime m = utime != null ? utime : st.mtime();
        FileTime a = utime != null ? utime : st.atime();
        meta.times(target, m, a, st.isNode());
    }
}
