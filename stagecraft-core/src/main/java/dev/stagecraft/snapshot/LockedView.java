package dev.stagecraft.snapshot;

import java.io.IOException;
import java.nio.file.Path;

/** A read-only mount inside a {@link LockedDir}; closing unmounts it and removes the directory. */
final class LockedView implements Snapshotter.View {
    private final LockedDir dir;
    private final Path root;

    LockedView(LockedDir dir, Path root) {
        this.dir = dir;
        this.root = root;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public void close() throws IOException {
        dir.close();
    }
}
