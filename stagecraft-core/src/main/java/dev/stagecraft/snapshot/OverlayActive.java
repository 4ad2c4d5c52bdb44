package dev.stagecraft.snapshot;

import dev.stagecraft.archive.LayerChanges;
import dev.stagecraft.archive.LayerWriter;
import dev.stagecraft.archive.WrittenLayer;
import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A prepared overlay: the step writes through {@code merged} into {@code upper}, which is then
 * the diff as it is and, on commit, becomes the layer directory itself (no copy).
 */
final class OverlayActive implements ActiveSnapshot {
    private final OverlaySnapshotter owner;
    private final Snapshot parent;
    private final LockedDir dir;
    private final Path merged;
    private final Path upper;
    private boolean closed;

    OverlayActive(OverlaySnapshotter owner, Snapshot parent, LockedDir dir, Path merged) {
        this.owner = owner;
        this.parent = parent;
        this.dir = dir;
        this.merged = merged;
        this.upper = dir.path().resolve("upper");
    }

    @Override
    public Snapshot parent() {
        return parent;
    }

    @Override
    public Path root() {
        return merged;
    }

    @Override
    public synchronized boolean isEmpty() throws IOException {
        open();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(upper)) {
            return !s.iterator().hasNext();
        }
    }

    @Override
    public synchronized WrittenLayer diff(LayerWriter writer, OutputStream out) throws IOException {
        open();
        LayerChanges changes = OverlayChanges.read(upper);
        WrittenLayer layer = writer.writeChanges(upper, changes, out);
        out.flush();
        return layer;
    }

    @Override
    public synchronized Snapshot commit(Digest diffId) throws IOException {
        open();
        try {
            // Unmounted first: the kernel must be done with upper before it becomes a lower.
            Mounts.unmount(merged);
            Path staging = Files.createDirectory(dir.path().resolve("commit"));
            Files.move(upper, staging.resolve("fs"));
            Trees.publish(staging, owner.layerHome(diffId));
            return parent.with(diffId);
        } finally {
            close();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            dir.close();
        }
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("snapshot at " + merged + " is closed");
        }
    }
}
