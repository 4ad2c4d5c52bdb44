package dev.stagecraft.snapshot;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.archive.LayerExtractor;
import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshots on kernel overlayfs, the way containerd's overlay snapshotter keeps them.
 *
 * <p>Layout under the directory given to the constructor:
 * <ul>
 * <li>{@code layers/<diff id hex>/fs}: one directory per layer, in overlayfs's own format
 *     (whiteouts are 0/0 character devices, opaque directories carry
 *     {@code trusted.overlay.opaque=y}); written once, never changed;
 * <li>{@code tmp/<id>}: layers being unpacked, renamed into {@code layers/} when verified;
 * <li>{@code active/<id>}: prepared snapshots and views ({@code upper}, {@code work},
 *     {@code merged}, {@code l/} links to the lower layers).
 * </ul>
 * Every directory under {@code tmp/} and {@code active/} is locked by the process using it (see
 * {@link LockedDir}); opening a snapshotter unmounts and removes those of dead processes.
 * Layers are published by an atomic rename: when two threads or processes unpack or commit the
 * same diff id at once, the first rename wins and the other copy is dropped.
 *
 * <p>Needs root (mount, whiteout devices, trusted xattrs). Mounts and xattrs go through system
 * calls ({@link dev.stagecraft.io.LinuxCalls}); where JNA cannot load, through util-linux
 * {@code mount}/{@code umount} and {@code getfattr}/{@code setfattr} (package attr).
 */
public final class OverlaySnapshotter implements Snapshotter {
    private final SnapshotDirs dirs;

    /**
     * Opens (creating if needed) the snapshot state under {@code dir}, removing what killed
     * processes left in its work directories.
     */
    public OverlaySnapshotter(Path dir) throws IOException {
        this.dirs = new SnapshotDirs(dir, "layers");
    }

    @Override
    public String name() {
        return "overlay";
    }

    @Override
    public Snapshot unpack(Snapshot parent, Digest diffId, LayerSource source) throws IOException {
        dirs.publishOnce(layerHome(diffId), staging -> {
            Path fs = staging.resolve("fs");
            VerifiedExtraction.extract(source, diffId, LayerExtractor.overlayFormat(), fs);
            Path ready = Files.createDirectory(staging.resolve("layer"));
            Files.move(fs, ready.resolve("fs"));
            return ready;
        });
        return parent.with(diffId);
    }

    @Override
    public boolean has(Snapshot snapshot) {
        return snapshot.diffIds().stream().allMatch(d -> Files.isDirectory(layerHome(d), LinkOption.NOFOLLOW_LINKS));
    }

    @Override
    public ActiveSnapshot prepare(Snapshot parent) throws IOException {
        List<Path> lowers = lowers(parent);
        return dirs.openActive(dir -> {
            Path merged = OverlayMount.mount(dir.path(), lowers, true);
            return new OverlayActive(this, parent, dir, merged);
        });
    }

    @Override
    public View view(Snapshot snapshot) throws IOException {
        List<Path> lowers = lowers(snapshot);
        return dirs.openActive(dir -> new LockedView(dir, OverlayMount.mount(dir.path(), lowers, false)));
    }

    /** Where the layer {@code diffId} lives once published; its contents are in {@code fs}. */
    Path layerHome(Digest diffId) {
        return dirs.store().resolve(diffId.hex());
    }

    /** The lower directories of {@code snapshot}, top first. */
    private List<Path> lowers(Snapshot snapshot) {
        List<Path> out = new ArrayList<>();
        for (Digest d : snapshot.diffIds()) {
            if (!Files.isDirectory(layerHome(d), LinkOption.NOFOLLOW_LINKS)) {
                throw new StagecraftException("layer " + d + " is not unpacked under " + dirs.store()
                        + ": unpack it before preparing a snapshot on it");
            }
            out.add(0, layerHome(d).resolve("fs"));
        }
        return out;
    }
}
