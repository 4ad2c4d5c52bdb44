package dev.stagecraft.api;

import dev.stagecraft.api.event.BuildListener;
import dev.stagecraft.content.Leases;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.ReferenceStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The collection after every build, BuildKit's default GC policy: when the root's blobs pass the
 * limit, the least recently used cache records go until they fit, then what nothing holds.
 */
final class AutoCollection {
    /** BuildKit keeps 10% of the file system its state is on by default. */
    static final int DEFAULT_PERCENT = 10;

    private AutoCollection() {
    }

    /**
     * Collects {@code root} down to {@code limit} bytes (0: never; negative: a tenth of its file
     * system). Never throws: a build that succeeded stays successful, and a failure to collect is
     * a warning to {@code listener}.
     */
    static void afterBuild(Path root, long limit, BuildListener listener) {
        if (limit == 0) {
            return;
        }
        try {
            long bytes = limit > 0 ? limit : defaultLimit(root);
            new StoreMaintenance(root, LocalContentStore.open(root), ReferenceStore.open(root), Leases.open(root))
                    .collectDownTo(bytes);
        } catch (IOException | RuntimeException e) {
            listener.warning("the build cache could not be collected after the build (" + root + "): "
                    + e.getMessage());
        }
    }

    /** A tenth of the size of the file system {@code root} is on. */
    static long defaultLimit(Path root) throws IOException {
        return Files.getFileStore(root).getTotalSpace() / 100 * DEFAULT_PERCENT;
    }
}
