package dev.stagecraft.context;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.io.PathAttributes;
import dev.stagecraft.text.GoText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * A directory seen as a whole file system, the way BuildKit's file operations see a snapshot.
 *
 * <p>Paths are resolved like containerd's {@code fs.RootPath}: {@code ..} stops at the root,
 * symlinks met on the way are followed as if the root were {@code /} (an absolute target starts
 * again at the root), so nothing outside the directory is ever reached; at most 255 links are
 * followed. A build context also hides what its {@code .dockerignore} excludes: such paths do not
 * exist for resolution, listing and wildcards, as they are never sent to BuildKit.
 */
public final class SourceTree {
    static final int MAX_LINKS = 255;
    /** Go's string order: by UTF-8 bytes, which is code point order (not UTF-16 order: surrogates differ). */
    private static final Comparator<String> GO_ORDER = SourceTree::compareCodePoints;

    private final Path root;
    private final IgnoreFilter filter;
    private final boolean contextOwnership;

    private SourceTree(Path root, IgnoreFilter filter, boolean contextOwnership) {
        this.root = root;
        this.filter = filter;
        this.contextOwnership = contextOwnership;
    }

    /** A snapshot directory (a stage, an image, a download), nothing hidden, owners as they are. */
    public static SourceTree of(Path root) {
        return new SourceTree(realRoot(root), null, false);
    }

    /**
     * A build context: {@code ignore} hides paths, and every file counts as owned by 0:0, as the
     * docker and buildx clients send the context with ownership reset.
     */
    public static SourceTree context(Path root, DockerIgnore ignore) {
        Path real = realRoot(root);
        PatternMatcher m = ignore.matcher();
        return new SourceTree(real, m.isEmpty() ? null : new IgnoreFilter(real, m), true);
    }

    private static Path realRoot(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            throw new StagecraftException("source directory " + root + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The directory on the host. */
    public Path root() {
        return root;
    }

    /** Whether files count as owned by 0:0 whatever their owner on disk (a build context). */
    public boolean resetsOwnership() {
        return contextOwnership;
    }

    /**
     * Resolves {@code path} (absolute or relative to the root; {@code ..} cannot leave it).
     *
     * @param followLast whether a symlink as the last component is followed too
     * @throws StagecraftException when a component on the way is not a directory, or links loop
     */
    public ResolvedPath resolve(String path, boolean followLast) {
        Deque<String> pending = new ArrayDeque<>(components(path));
        List<String> cur = new ArrayList<>();
        boolean missing = false;
        int links = 0;
        BasicFileAttributes attrs = lstat(root);
        while (!pending.isEmpty()) {
            String c = pending.pop();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!cur.isEmpty()) {
                    cur.remove(cur.size() - 1);
                }
                // Back above a missing component, what follows is real again and must be resolved.
                missing = false;
                attrs = lstat(host(cur));
                continue;
            }
            cur.add(c);
            if (missing) {
                continue;
            }
            if (attrs != null && !attrs.isDirectory()) {
                throw new StagecraftException(GoText.quote(rel(cur.subList(0, cur.size() - 1)))
                        + " is not a directory (resolving " + GoText.quote(path) + ")");
            }
            String rel = String.join("/", cur);
            BasicFileAttributes a = lstat(root.resolve(rel));
            if (a != null && filter != null && !filter.visible(rel, a)) {
                a = null;
            }
            if (a == null) {
                missing = true;
                attrs = null;
                continue;
            }
            if (a.isSymbolicLink() && (followLast || !onlyTrivial(pending))) {
                if (++links > MAX_LINKS) {
                    throw new StagecraftException("too many levels of symbolic links resolving " + GoText.quote(path));
                }
                String target = readLink(root.resolve(rel));
                cur.remove(cur.size() - 1);
                if (target.startsWith("/")) {
                    cur.clear();
                }
                List<String> tp = Arrays.asList(target.split("/"));
                for (int i = tp.size() - 1; i >= 0; i--) {
                    pending.push(tp.get(i));
                }
                attrs = lstat(host(cur));
                continue;
            }
            attrs = a;
        }
        return new ResolvedPath(rel(cur), host(cur), missing ? null : attrs);
    }

    /**
     * The attributes of the entry at {@code rel} itself, or null when nothing visible is there.
     * The path is taken as real: no symlinks in its parents are followed.
     */
    public BasicFileAttributes entry(String rel) {
        String r = trimSlash(rel);
        Path p = r.isEmpty() ? root : root.resolve(r);
        BasicFileAttributes a = lstat(p);
        if (a != null && filter != null && !r.isEmpty() && !filter.visible(r, a)) {
            return null;
        }
        return a;
    }

    /** The visible names in the real directory {@code rel}, in Go's byte order. */
    public List<String> children(String rel) {
        String r = trimSlash(rel);
        Path dir = r.isEmpty() ? root : root.resolve(r);
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path child : s) {
                String name = child.getFileName().toString();
                if (filter != null) {
                    BasicFileAttributes a = lstat(child);
                    if (a == null || !filter.visible(r.isEmpty() ? name : r + "/" + name, a)) {
                        continue;
                    }
                }
                names.add(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(GO_ORDER);
        return names;
    }

    /**
     * Expands a COPY source with wildcards as BuildKit's {@code ResolveWildcards}: the part before
     * the first component with a wildcard is resolved (its last component followed only with
     * {@code followLinks}), then the tree below is walked in name order without following links
     * and every path matching the rest with {@link GoGlob} is kept; a matching directory is not
     * entered. A source without wildcards is returned as it is.
     *
     * @return absolute paths inside the root, in walk order (possibly empty)
     * @throws SourceNotFoundException when the directory the wildcard applies to does not exist
     */
    public List<String> glob(String source, boolean followLinks) {
        String clean = GoText.clean("/" + source);
        String[] parts = clean.split("/");
        List<String> fixed = new ArrayList<>();
        List<String> wild = new ArrayList<>();
        for (String p : parts) {
            if (p.isEmpty()) {
                continue;
            }
            if (wild.isEmpty() && !GoGlob.hasWildcards(p)) {
                fixed.add(p);
            } else {
                wild.add(p);
            }
        }
        String base = "/" + String.join("/", fixed);
        if (wild.isEmpty()) {
            return List.of(base);
        }
        String pattern = String.join("/", wild);
        ResolvedPath dir = followLinks ? resolve(base, true) : resolve(base, false);
        if (!dir.exists()) {
            throw new SourceNotFoundException(base);
        }
        int maxDepth = 1;
        for (char ch : pattern.toCharArray()) {
            if (ch == '/' || ch == '[') {
                maxDepth++; // a class may match a '/', so it may span one more level
            }
        }
        List<String> out = new ArrayList<>();
        if (dir.attrs().isDirectory()) {
            walkMatches(dir.rel(), "", pattern, 1, maxDepth, out);
        }
        return out;
    }

    private void walkMatches(String dirRel, String relToBase, String pattern, int depth, int maxDepth,
            List<String> out) {
        for (String name : children(dirRel)) {
            String childRel = dirRel.equals("/") ? "/" + name : dirRel + "/" + name;
            String relBase = relToBase.isEmpty() ? name : relToBase + "/" + name;
            BasicFileAttributes a = entry(childRel);
            if (a == null) {
                continue;
            }
            if (GoGlob.match(pattern, relBase)) {
                out.add(childRel);
                continue;
            }
            if (a.isDirectory() && depth < maxDepth) {
                walkMatches(childRel, relBase, pattern, depth + 1, maxDepth, out);
            }
        }
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return i < a.length() ? 1 : j < b.length() ? -1 : 0;
    }

    private static boolean onlyTrivial(Deque<String> pending) {
        for (String c : pending) {
            if (!c.isEmpty() && !c.equals(".")) {
                return false;
            }
        }
        return true;
    }

    private static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        for (String c : GoText.clean("/" + path).split("/")) {
            if (!c.isEmpty()) {
                out.add(c);
            }
        }
        return out;
    }

    private Path host(List<String> cur) {
        return cur.isEmpty() ? root : root.resolve(String.join("/", cur));
    }

    private static String rel(List<String> cur) {
        return "/" + String.join("/", cur);
    }

    private static String trimSlash(String rel) {
        int i = 0;
        while (i < rel.length() && rel.charAt(i) == '/') {
            i++;
        }
        return rel.substring(i);
    }

    private static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The attributes of {@code p} itself, or null when nothing is there. */
    static BasicFileAttributes lstat(Path p) {
        return PathAttributes.lstat(p);
    }
}
