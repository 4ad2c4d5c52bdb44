package dev.stagecraft.snapshot;

import dev.stagecraft.archive.LayerChanges;
import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A prepared overlay: the step writes through {@code merged} into {@code upper}, which is then
 * the diff as it is and, on commit, becomes the layer directory itself (no copy).
 */
final class OverlayActive extends LockedActive {
    private final OverlaySnapshotter owner;
    private final Path merged;
    private final Path upper;

    OverlayActive(OverlaySnapshotter owner, Snapshot parent, LockedDir dir, Path merged) {
        super(parent, dir);
        this.owner = owner;
        this.merged = merged;
        this.upper = dir.path().resolve("upper");
    }

    @Override
    public Path root() {
        return merged;
    }

    @Override
    boolean unchanged() throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(upper)) {
            return !s.iterator().hasNext();
        }
    }

    @Override
    Path changedTree() {
        return upper;
    }

    @Override
    LayerChanges changes() throws IOException {
        return OverlayChanges.read(upper);
    }

    @Override
    Snapshot keep(Digest diffId) throws IOException {
        // Unmounted first: the kernel must be done with upper before it becomes a lower.
        Mounts.unmount(merged);
        publish(upper, owner.layerHome(diffId));
        return parent().with(diffId);
    }
}
