package dev.stagecraft.worker;

import dev.stagecraft.context.SourceTree;
import dev.stagecraft.io.FileTrees;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a RUN bind mount of the build context shows: the context as the build sees it, without
 * what {@code .dockerignore} excludes, as BuildKit's context transfer leaves those files out for
 * every consumer. A read-only view is a tree of hard links to the context's files (cheap, and the
 * mount is read-only, so nothing can write through them); a writable one is a copy, whose writes
 * are thrown away with it, as BuildKit's are. Where hard links cannot be made (the context is on
 * another file system than the root), files are copied.
 */
final class ContextView implements Closeable {
    private final Path dir;

    private ContextView(Path dir) {
        this.dir = dir;
    }

    /** The directory to bind. */
    Path root() {
        return dir;
    }

    /**
     * Builds the view of the real directory {@code rel} of {@code tree} in a new directory under
     * {@code scratch}.
     *
     * @param writable whether the mount may be written (a copy), else hard links
     */
    static ContextView of(SourceTree tree, String rel, Path scratch, boolean writable) throws IOException {
        Files.createDirectories(scratch);
        Path dir = Files.createTempDirectory(scratch, "context-view-");
        ContextView view = new ContextView(dir);
        try {
            new Builder(tree, writable).fill(rel, dir);
        } catch (IOException | RuntimeException e) {
            view.close();
            throw e;
        }
        return view;
    }

    @Override
    public void close() throws IOException {
        FileTrees.deleteRecursively(dir);
    }

    private static final class Builder {
        private final SourceTree tree;
        private boolean link;

        Builder(SourceTree tree, boolean writable) {
            this.tree = tree;
            this.link = !writable;
        }

        void fill(String rel, Path target) throws IOException {
            // Directories get their times and modes after their contents, which would change them.
            Deque<Runnable> finish = new ArrayDeque<>();
            Path top = host(rel);
            finish.push(() -> attributes(top, target));
            copyTree(rel, target, finish);
            while (!finish.isEmpty()) {
                finish.pop().run();
            }
        }

        private void copyTree(String rel, Path target, Deque<Runnable> finish) throws IOException {
            for (String name : tree.children(rel)) {
                String childRel = rel.equals("/") ? "/" + name : rel + "/" + name;
                Path child = host(childRel);
                Path out = target.resolve(name);
                BasicFileAttributes a = tree.entry(childRel);
                if (a == null) {
                    continue;
                }
                if (a.isDirectory()) {
                    Files.createDirectory(out);
                    copyTree(childRel, out, finish);
                    finish.push(() -> attributes(child, out));
                } else if (a.isSymbolicLink()) {
                    Files.createSymbolicLink(out, Files.readSymbolicLink(child));
                } else if (a.isRegularFile()) {
                    file(child, out);
                }
                // Sockets, fifos and devices in a context are left out, as a tar of it would.
            }
        }

        private void file(Path source, Path out) throws IOException {
            if (link) {
                try {
                    Files.createLink(out, source);
                    return;
                } catch (FileSystemException e) {
                    link = false; // another file system: copy from now on
                }
            }
            Files.copy(source, out, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }

        private Path host(String rel) {
            String r = rel.startsWith("/") ? rel.substring(1) : rel;
            return r.isEmpty() ? tree.root() : tree.root().resolve(r);
        }

        private static void attributes(Path source, Path out) {
            try {
                PosixFileAttributes a = Files.readAttributes(source, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                Files.setPosixFilePermissions(out, a.permissions());
                FileTime mtime = a.lastModifiedTime();
                Files.setLastModifiedTime(out, mtime);
            } catch (IOException e) {
                // A mode or time the view cannot copy leaves the directory as it was made.
            }
        }
    }
}
