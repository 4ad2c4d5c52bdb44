package dev.stagecraft.snapshot;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.io.FileTrees;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Whole-tree operations on snapshot directories. */
final class Trees {
    private Trees() {
    }

    /**
     * Copies {@code source} to {@code target} (which must not exist) with GNU {@code cp -a}:
     * owners, modes, times, xattrs, hardlinks within the tree, symlinks, devices and fifos are
     * kept. {@code --reflink=never}: the copy is written by a step, so it shares no blocks.
     */
    static void copy(Path source, Path target) throws IOException {
        Mounts.Run r = Mounts.run(null, List.of("cp", "-a", "--reflink=never", "--no-target-directory",
                source.toString(), target.toString()));
        if (r.exit() != 0) {
            throw new StagecraftException("cannot copy the snapshot " + source + " to " + target + ": "
                    + r.output().strip());
        }
    }

    /**
     * Renames the directory {@code staging} (never empty) to {@code target} atomically. If
     * another thread or process published {@code target} first, theirs is kept and
     * {@code staging} deleted: both hold the same content, named by its digest.
     *
     * @return whether ours became {@code target}
     */
    static boolean publish(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (AtomicMoveNotSupportedException e) {
            throw new StagecraftException("cannot publish " + target + ": " + staging
                    + " is on another file system", e);
        } catch (FileSystemException e) {
            // rename(2) says ENOTEMPTY, which Java reports as a plain FileSystemException
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
            FileTrees.deleteRecursively(staging);
            return false;
        }
    }
}
