package dev.stagecraft.worker.file;

import dev.stagecraft.context.ResolvedPath;
import dev.stagecraft.context.SourceTree;
import dev.stagecraft.graph.FileAction;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.text.GoText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.IntFunction;

/**
 * Runs a {@link FileOp} (COPY, ADD, WORKDIR, inline documents) on a destination directory, the
 * way BuildKit's file op backend does. Actions run in order; each resolves its paths inside the
 * destination root (and, for copies, inside the source root), so no path or symlink ever reaches
 * outside them.
 */
public final class FileActions {
    private FileActions() {
    }

    /**
     * Applies {@code op} onto {@code destination}.
     *
     * @param destination the root directory the op changes (the engine's mounted snapshot of the
     *     op's base input, or an empty directory when the base is -1)
     * @param inputs      the source tree of each input index of the vertex (for the build context,
     *     {@code BuildContext.tree()}, so ignored files do not exist; for other inputs
     *     {@code SourceTree.of(snapshotDir)})
     * @param owners      looks up {@code --chown} and WORKDIR user names in the destination
     * @throws FileOpException or {@link dev.stagecraft.context.SourceNotFoundException} with a
     *     user-facing message naming the path
     */
    public static FileOpResult apply(FileOp op, Path destination, IntFunction<SourceTree> inputs, OwnerResolver owners) {
        Metadata meta = new Metadata();
        DestinationRoot dest = new DestinationRoot(destination, meta);
        FileTime created = createdTime(op.createdTime());
        try {
            for (FileAction action : op.actions()) {
                if (action instanceof FileAction.Copy c) {
                    new CopyRun(c, inputs.apply(c.input()), dest, meta, owners, created).run();
                } else if (action instanceof FileAction.Mkdir m) {
                    mkdir(m, dest, meta, owners, created);
                } else if (action instanceof FileAction.Mkfile f) {
                    mkfile(f, dest, meta, created);
                }
            }
        } catch (IOException e) {
            throw new FileOpException("file operation failed: " + e.getMessage(), e);
        }
        return new FileOpResult(meta.warnings());
    }

    /** The op's created time, or null to keep source times. */
    static FileTime createdTime(String rfc3339) {
        if (rfc3339 == null) {
            return null;
        }
        try {
            return FileTime.from(OffsetDateTime.parse(rfc3339).toInstant());
        } catch (DateTimeParseException e) {
            throw new FileOpException("invalid created time " + GoText.quote(rfc3339) + ": " + e.getMessage(), e);
        }
    }

    /** WORKDIR: {@code mkdir -p} (or a single mkdir) owned by the user, mode from the action. */
    private static void mkdir(FileAction.Mkdir m, DestinationRoot dest, Metadata meta, OwnerResolver owners,
            FileTime created) throws IOException {
        Owner owner = m.user() == null || m.user().isEmpty() ? null : ChownSpec.resolve(m.user(), owners);
        int mode = m.mode() & 0777;
        if (m.makeParents()) {
            dest.mkdirAll(m.path(), mode, owner, created);
            return;
        }
        ResolvedPath p = dest.resolve(m.path());
        if (p.exists()) {
            return; // BuildKit ignores an existing path here
        }
        if (Metadata.lstat(p.host().getParent()) == null) {
            throw new FileOpException("mkdir " + p.rel() + ": no such file or directory");
        }
        try {
            Files.createDirectory(p.host());
        } catch (FileAlreadyExistsException e) {
            return;
        }
        meta.created(p.host(), mode, owner, created);
    }

    /** An inline document: written next to its place and renamed over it, mode from the action, owned by root. */
    private static void mkfile(FileAction.Mkfile f, DestinationRoot dest, Metadata meta, FileTime created)
            throws IOException {
        ResolvedPath p = dest.resolve(f.path());
        if (p.rel().equals("/")) {
            throw new FileOpException("mkfile " + GoText.clean("/" + f.path()) + ": is a directory");
        }
        Path dir = p.host().getParent();
        if (Metadata.lstat(dir) == null || !Metadata.lstat(dir).isDirectory()) {
            throw new FileOpException("mkfile " + p.rel() + ": no such file or directory");
        }
        Path tmp = Files.createTempFile(dir, ".tmp-mkfile", "");
        try {
            Files.write(tmp, f.content().getBytes(StandardCharsets.UTF_8));
            Metadata.chmod(tmp, f.mode() & 0777);
            meta.chown(tmp, Owner.ROOT);
            if (created != null) {
                meta.times(tmp, created, created, false);
            }
            if (Metadata.lstat(p.host()) != null && Metadata.lstat(p.host()).isDirectory()) {
                throw new FileOpException("mkfile " + p.rel() + ": is a directory");
            }
            Files.move(tmp, p.host(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
