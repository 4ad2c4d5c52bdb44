package dev.stagecraft.snapshot;

import java.io.IOException;
import java.nio.file.Path;

/** The snapshot contract on full copies. */
class NativeSnapshotterIT extends SnapshotterContract {
    @Override
    Snapshotter open(Path dir) throws IOException {
        return new NativeSnapshotter(dir);
    }

    @Override
    Path published(Path dir) {
        return dir.resolve("trees");
    }
}
