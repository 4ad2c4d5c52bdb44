package dev.stagecraft.snapshot;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.archive.LayerExtractor;
import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Snapshots as full copies, for where overlayfs cannot mount (rootless, overlay on overlay,
 * old kernels). Slower and bigger than overlay, but it needs nothing from the kernel.
 *
 * <p>Layout under the directory given to the constructor:
 * <ul>
 * <li>{@code trees/<chain id hex>/fs}: the whole filesystem of a committed snapshot, made by
 *     copying its parent's tree ({@code cp -a}, no reflinks) and applying the layer with the
 *     OCI extractor (whiteouts delete); written once, never changed;
 * <li>{@code tmp/<id>}: trees being made, renamed into {@code trees/} when the layer verified;
 * <li>{@code active/<id>}: prepared snapshots ({@code root}, a copy of the parent's tree) and
 *     views.
 * </ul>
 * The diff of a prepared snapshot comes from {@link TreeRecord}: inode and ctime of every
 * path recorded right after the copy. Work directories are locked and swept as in
 * {@link OverlaySnapshotter}; trees are published by atomic rename, the first one winning.
 *
 * <p>Views are read-only bind mounts when the process may mount; otherwise a view is the
 * committed tree itself, which the caller must then not change.
 */
public final class NativeSnapshotter implements Snapshotter {
    private final SnapshotDirs dirs;

    /**
     * Opens (creating if needed) the snapshot state under {@code dir}, removing what killed
     * processes left in its work directories.
     */
    public NativeSnapshotter(Path dir) throws IOException {
        this.dirs = new SnapshotDirs(dir, "trees");
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public Snapshot unpack(Snapshot parent, Digest diffId, LayerSource source) throws IOException {
        Snapshot result = parent.with(diffId);
        Path home = home(result);
        if (!Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
            Path parentTree = tree(parent);
            dirs.publishOnce(home, staging -> {
                Path ready = Files.createDirectory(staging.resolve("tree"));
                Path fs = ready.resolve("fs");
                copyOrCreate(parentTree, fs);
                VerifiedExtraction.extract(source, diffId, new LayerExtractor(), fs);
                return ready;
            });
        }
        return result;
    }

    @Override
    public boolean has(Snapshot snapshot) {
        return snapshot.diffIds().isEmpty() || Files.isDirectory(home(snapshot), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public ActiveSnapshot prepare(Snapshot parent) throws IOException {
        Path parentTree = tree(parent);
        return dirs.openActive(dir -> {
            Path root = dir.path().resolve("root");
            copyOrCreate(parentTree, root);
            TreeRecord record = TreeRecord.of(root, dir.path().resolve("clock"));
            return new NativeActive(this, parent, dir, root, record);
        });
    }

    @Override
    public View view(Snapshot snapshot) throws IOException {
        Path tree = tree(snapshot);
        return dirs.openActive(dir -> {
            Path source = tree != null ? tree : Files.createDirectory(dir.path().resolve("empty"));
            Path merged = Files.createDirectory(dir.path().resolve("merged"));
            Mounts.Run r = Mounts.bindReadOnly(source, merged);
            return new LockedView(dir, r.exit() == 0 ? merged : source);
        });
    }

    /** Where the tree of {@code snapshot} lives once published; the files are in {@code fs}. */
    Path home(Snapshot snapshot) {
        String chain = snapshot.chainId();
        return dirs.store().resolve(chain.substring(chain.indexOf(':') + 1));
    }

    /** The committed tree of {@code snapshot}, null for scratch. */
    private Path tree(Snapshot snapshot) {
        if (snapshot.diffIds().isEmpty()) {
            return null;
        }
        Path home = home(snapshot);
        if (!Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
            throw new StagecraftException("snapshot " + snapshot.chainId() + " is not unpacked under " + dirs.store()
                    + ": unpack its layers before using it");
        }
        return home.resolve("fs");
    }

    private static void copyOrCreate(Path tree, Path target) throws IOException {
        if (tree == null) {
            Files.createDirectory(target);
        } else {
            Trees.copy(tree, target);
        }
    }
}
