package dev.stagecraft.worker.file;

import dev.stagecraft.context.ResolvedPath;
import dev.stagecraft.context.SourceTree;
import dev.stagecraft.text.GoText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The destination root file system of a file op: paths are resolved inside it with symlinks
 * followed as if it were {@code /} (a link to {@code /etc} leads to its own {@code etc}), and
 * missing directories are created the way fsutil's {@code MkdirAll} does.
 */
final class DestinationRoot {
    private final SourceTree tree;
    private final Metadata meta;

    DestinationRoot(Path root, Metadata meta) {
        this.tree = SourceTree.of(root);
        this.meta = meta;
    }

    Path root() {
        return tree.root();
    }

    /** Resolves {@code path} with every symlink followed, the last one too (containerd's {@code RootPath}). */
    ResolvedPath resolve(String path) {
        return tree.resolve(path, true);
    }

    /** The path of a host location under the root, as the user sees it ({@code /a/b}). */
    String shown(Path host) {
        Path rel = root().relativize(host);
        return "/" + rel.toString();
    }

    /**
     * Makes {@code path} and its missing parents: each new directory gets {@code mode}, the
     * owner (when given; otherwise it stays the creating process's, root) and {@code time} (when
     * given). An existing directory is left as it is.
     *
     * @return the host path of the directory
     * @throws FileOpException when a component is not a directory
     */
    Path mkdirAll(String path, int mode, Owner owner, FileTime time) throws IOException {
        ResolvedPath r;
        try {
            r = resolve(path);
        } catch (dev.stagecraft.StagecraftException e) {
            throw new FileOpException("mkdir " + GoText.clean("/" + path) + ": " + e.getMessage(), e);
        }
        if (r.exists()) {
            if (!r.attrs().isDirectory()) {
                throw new FileOpException("mkdir " + r.rel() + ": not a directory");
            }
            return r.host();
        }
        List<Path> missing = new ArrayList<>();
        for (Path p = r.host(); !p.equals(root()) && Metadata.lstat(p) == null; p = p.getParent()) {
            missing.add(0, p);
        }
        Path first = missing.isEmpty() ? r.host() : missing.get(0).getParent();
        if (Metadata.lstat(first) != null && !Metadata.lstat(first).isDirectory()) {
            throw new FileOpException("mkdir " + shown(first) + ": not a directory");
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            meta.created(p, mode, owner, time);
        }
        return r.host();
    }
}
