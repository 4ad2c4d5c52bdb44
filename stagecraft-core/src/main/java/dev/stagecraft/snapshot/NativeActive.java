package dev.stagecraft.snapshot;

import dev.stagecraft.archive.LayerChanges;
import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.nio.file.Path;

/** A prepared copy of the parent's tree; committing renames it into place as the child's tree. */
final class NativeActive extends LockedActive {
    private final NativeSnapshotter owner;
    private final Path root;
    private final TreeRecord record;

    NativeActive(NativeSnapshotter owner, Snapshot parent, LockedDir dir, Path root, TreeRecord record) {
        super(parent, dir);
        this.owner = owner;
        this.root = root;
        this.record = record;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    boolean unchanged() throws IOException {
        return record.changes().isEmpty();
    }

    @Override
    Path changedTree() {
        return root;
    }

    @Override
    LayerChanges changes() throws IOException {
        return record.changes();
    }

    @Override
    Snapshot keep(Digest diffId) throws IOException {
        Snapshot result = parent().with(diffId);
        publish(root, owner.home(result));
        return result;
    }
}
