package dev.stagecraft.worker;

import dev.stagecraft.archive.Compression;
import dev.stagecraft.archive.LayerWriter;
import dev.stagecraft.archive.WrittenLayer;
import dev.stagecraft.content.BlobWriter;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.Lease;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.snapshot.ActiveSnapshot;
import dev.stagecraft.snapshot.Snapshot;
import dev.stagecraft.snapshot.Snapshotter;
import java.io.IOException;

/**
 * Moves layers between the content store and the snapshotter: unpacks a filesystem's blobs before
 * a step mounts it, and turns a step's changes into a stored blob and a committed snapshot.
 */
final class Layers {
    private final LocalContentStore store;
    private final Snapshotter snapshotter;
    private final Lease lease;
    private final Compression compression;

    Layers(LocalContentStore store, Snapshotter snapshotter, Lease lease, Compression compression) {
        this.store = store;
        this.snapshotter = snapshotter;
        this.lease = lease;
        this.compression = compression;
    }

    Snapshotter snapshotter() {
        return snapshotter;
    }

    /** Makes every layer of {@code ref} present in the snapshotter, unpacking the missing ones from their blobs. */
    Snapshot ensure(FsRef ref) throws IOException {
        Snapshot snapshot = Snapshot.SCRATCH;
        for (LayerBlob layer : ref.layers()) {
            Digest blob = layer.blob().parsedDigest();
            snapshot = snapshotter.unpack(snapshot, layer.diffId(), () -> store.open(blob));
        }
        return snapshot;
    }

    /**
     * Stores the changes of {@code active} as a layer on top of {@code parent} and commits them;
     * {@code description} says what made the layer.
     */
    FsRef commit(ActiveSnapshot active, FsRef parent, String description) throws IOException {
        WrittenLayer written;
        try (BlobWriter out = store.writer()) {
            written = active.diff(LayerWriter.builder().compression(compression).build(), out);
            // Held before the blob is visible, so a collector running meanwhile keeps it.
            lease.add(written.digest());
            out.commit();
        }
        active.commit(written.diffId());
        return parent.with(new LayerBlob(written.diffId(),
                Descriptor.of(written.mediaType(), written.digest(), written.size()), description,
                java.time.format.DateTimeFormatter.ISO_INSTANT.format(java.time.Instant.now())));
    }
}
