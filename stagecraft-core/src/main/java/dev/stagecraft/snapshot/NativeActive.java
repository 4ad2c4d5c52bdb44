package dev.stagecraft.snapshot;

import dev.stagecraft.archive.LayerWriter;
import dev.stagecraft.archive.WrittenLayer;
import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A prepared copy of the parent's tree; committing renames it into place as the child's tree. */
final class NativeActive implements ActiveSnapshot {
    private final NativeSnapshotter owner;
    private final Snapshot parent;
    private final LockedDir dir;
    private final Path root;
    private final TreeRecord record;
    private boolean closed;

    NativeActive(NativeSnapshotter owner, Snapshot parent, LockedDir dir, Path root, TreeRecord record) {
        this.owner = owner;
        this.parent = parent;
        this.dir = dir;
        this.root = root;
        this.record = record;
    }

    @Override
    public Snapshot parent() {
        return parent;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public synchronized boolean isEmpty() throws IOException {
        open();
        return record.changes().isEmpty();
    }

    @Override
    public synchronized WrittenLayer diff(LayerWriter writer, OutputStream out) throws IOException {
        open();
        WrittenLayer layer = writer.writeChanges(root, record.changes(), out);
        out.flush();
        return layer;
    }

    @Override
    public synchronized Snapshot commit(Digest diffId) throws IOException {
        open();
        try {
            Snapshot result = parent.with(diffId);
            Path staging = Files.createDirectory(dir.path().resolve("commit"));
            Files.move(root, staging.resolve("fs"));
            Trees.publish(staging, owner.home(result));
            return result;
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
            throw new IllegalStateException("snapshot at " + root + " is closed");
        }
    }
}
