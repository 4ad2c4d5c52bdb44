package dev.stagecraft.snapshot;

import dev.stagecraft.archive.LayerChanges;
import dev.stagecraft.archive.LayerWriter;
import dev.stagecraft.archive.WrittenLayer;
import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every prepared snapshot shares: it lives in a {@link LockedDir} that closing removes, it
 * refuses use once closed, and committing moves its changed tree into place under the
 * snapshotter's store, closing it afterwards. Subclasses say where the changes are and how
 * they are found.
 */
abstract class LockedActive implements ActiveSnapshot {
    private final Snapshot parent;
    private final LockedDir dir;
    private boolean closed;

    LockedActive(Snapshot parent, LockedDir dir) {
        this.parent = parent;
        this.dir = dir;
    }

    @Override
    public final Snapshot parent() {
        return parent;
    }

    /** Whether nothing changed; called while open, under this object's lock. */
    abstract boolean unchanged() throws IOException;

    /** The tree the layer's files are read from. */
    abstract Path changedTree();

    /** The changes in {@link #changedTree()}; called while open, under this object's lock. */
    abstract LayerChanges changes() throws IOException;

    /**
     * Keeps the changes as the layer {@code diffId} and returns the child snapshot; called while
     * open, under this object's lock, and the snapshot is closed afterwards whatever happens.
     */
    abstract Snapshot keep(Digest diffId) throws IOException;

    @Override
    public final synchronized boolean isEmpty() throws IOException {
        open();
        return unchanged();
    }

    @Override
    public final synchronized WrittenLayer diff(LayerWriter writer, OutputStream out) throws IOException {
        open();
        LayerChanges changes = changes();
        WrittenLayer layer = writer.writeChanges(changedTree(), changes, out);
        out.flush();
        return layer;
    }

    @Override
    public final synchronized Snapshot commit(Digest diffId) throws IOException {
        open();
        try {
            return keep(diffId);
        } finally {
            close();
        }
    }

    /**
     * Moves {@code tree} to {@code fs} in a staging directory inside the work directory and
     * publishes that as {@code home}.
     */
    final void publish(Path tree, Path home) throws IOException {
        Path staging = Files.createDirectory(dir.path().resolve("commit"));
        Files.move(tree, staging.resolve("fs"));
        Trees.publish(staging, home);
    }

    @Override
    public final synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            dir.close();
        }
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("snapshot at " + root() + " is closed");
        }
    }
}
