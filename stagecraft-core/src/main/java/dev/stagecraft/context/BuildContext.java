package dev.stagecraft.context;

import java.nio.file.Path;
import java.util.List;

/**
 * A local build context: a directory and the {@code .dockerignore} rules that decide what of it a
 * build may see. What the rules exclude does not exist for COPY and ADD; paths never leave the
 * directory (see {@link SourceTree}).
 */
public final class BuildContext {
    private final Path directory;
    private final DockerIgnore ignore;
    private final SourceTree tree;

    private BuildContext(Path directory, DockerIgnore ignore) {
        this.directory = directory;
        this.ignore = ignore;
        this.tree = SourceTree.context(directory, ignore);
    }

    /**
     * The context {@code directory} for a build of {@code dockerfile}, with the ignore file BuildKit
     * would pick ({@link DockerIgnore#read}).
     *
     * @param dockerfile the Dockerfile, or null when it does not come from a file
     */
    public static BuildContext open(Path directory, Path dockerfile) {
        return new BuildContext(directory, DockerIgnore.read(directory, dockerfile));
    }

    /** The context {@code directory} with the given rules. */
    public static BuildContext of(Path directory, DockerIgnore ignore) {
        return new BuildContext(directory, ignore);
    }

    /** The directory as given. */
    public Path directory() {
        return directory;
    }

    /** The ignore rules in force. */
    public DockerIgnore ignore() {
        return ignore;
    }

    /** The filtered view COPY and ADD read from (the file worker takes it as a source input). */
    public SourceTree tree() {
        return tree;
    }

    /**
     * Where {@code path} (relative or absolute, both taken from the context root) is on the host,
     * symlinks followed inside the context.
     *
     * @throws SourceNotFoundException when nothing visible is there
     */
    public Path resolve(String path) {
        ResolvedPath r = tree.resolve(path, true);
        if (!r.exists()) {
            throw new SourceNotFoundException(r.rel());
        }
        return r.host();
    }

    /** The paths a COPY source pattern matches, as {@link SourceTree#glob} with links followed. */
    public List<String> glob(String pattern) {
        return tree.glob(pattern, true);
    }

    /** Whether the ignore rules hide {@code rel} (a real path inside the context) from the build. */
    public boolean isIgnored(String rel) {
        return tree.entry(rel) == null && SourceTree.lstat(directory.resolve(trim(rel))) != null;
    }

    private static String trim(String rel) {
        return rel.startsWith("/") ? rel.substring(1) : rel;
    }
}
