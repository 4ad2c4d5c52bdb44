package dev.stagecraft.snapshot;

import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Makes root filesystems out of layers and captures a step's changes as a new layer. State lives
 * under one directory of the stagecraft root and survives the process: a layer unpacked once is
 * reused by every later build. Safe for concurrent use by several threads and processes.
 */
public interface Snapshotter {
    /** {@code overlay} or {@code native}. */
    String name();

    /**
     * {@code parent.with(diffId)}, unpacking the layer from {@code source} unless it is present
     * already. The source is only opened when needed, and must yield a tar whose uncompressed
     * digest is {@code diffId}; other content is refused.
     */
    Snapshot unpack(Snapshot parent, Digest diffId, LayerSource source) throws IOException;

    /** Whether every layer of {@code snapshot} is present. */
    boolean has(Snapshot snapshot) throws IOException;

    /** A writable filesystem on top of {@code parent}. */
    ActiveSnapshot prepare(Snapshot parent) throws IOException;

    /** A read-only view of {@code snapshot} (COPY --from, bind mounts) until the view is closed. */
    View view(Snapshot snapshot) throws IOException;

    /** A read-only mounted snapshot. */
    interface View extends AutoCloseable {
        Path root();

        @Override
        void close() throws IOException;
    }
}
