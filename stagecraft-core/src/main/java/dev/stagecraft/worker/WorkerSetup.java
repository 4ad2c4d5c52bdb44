package dev.stagecraft.worker;

import dev.stagecraft.archive.Compression;
import dev.stagecraft.content.Lease;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.exec.Executor;
import dev.stagecraft.snapshot.Snapshotter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Worker} works with.
 *
 * @param store       where layer blobs go
 * @param lease       holds every blob the build writes until its image is referenced
 * @param snapshotter mounts filesystems and captures changes
 * @param executor    runs RUN steps
 * @param baseImages  finds base images' layers
 * @param contexts    build context directories by name ({@code context} for the main one)
 * @param compression how new layers are compressed
 * @param extraHosts  {@code host:ip} entries for every RUN's /etc/hosts
 */
public record WorkerSetup(LocalContentStore store, Lease lease, Snapshotter snapshotter, Executor executor,
        BaseImages baseImages, Map<String, Path> contexts, Compression compression, List<String> extraHosts) {
    public WorkerSetup {
        contexts = Map.copyOf(contexts);
        extraHosts = List.copyOf(extraHosts);
    }
}
