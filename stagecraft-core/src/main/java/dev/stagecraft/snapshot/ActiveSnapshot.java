package dev.stagecraft.snapshot;

import dev.stagecraft.archive.LayerWriter;
import dev.stagecraft.archive.WrittenLayer;
import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A writable filesystem on top of a committed {@link Snapshot}: a RUN or COPY step changes
 * {@link #root()}, then its changes become a layer with {@link #diff} and a snapshot that later
 * steps stack on with {@link #commit}. Closing it undoes its mounts and, unless committed,
 * discards the changes.
 */
public interface ActiveSnapshot extends AutoCloseable {
    /** The snapshot this one started from. */
    Snapshot parent();

    /** Where the whole filesystem is visible, read-write. */
    Path root();

    /** Whether nothing was changed since it was prepared. */
    boolean isEmpty() throws IOException;

    /**
     * Writes the changes since {@code prepare} as an OCI layer (whiteouts for deletions, opaque
     * markers for replaced directories) through {@code writer}'s options to {@code out}, which is
     * flushed but not closed.
     */
    WrittenLayer diff(LayerWriter writer, OutputStream out) throws IOException;

    /**
     * Keeps the changes as the layer {@code diffId} (as {@link #diff} computed it) and returns
     * {@code parent().with(diffId)}. The active snapshot is closed afterwards.
     */
    Snapshot commit(Digest diffId) throws IOException;

    @Override
    void close() throws IOException;
}
