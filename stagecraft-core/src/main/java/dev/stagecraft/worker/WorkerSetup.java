package dev.stagecraft.worker;

import dev.stagecraft.archive.Compression;
import dev.stagecraft.context.BuildContext;
import dev.stagecraft.content.Lease;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.exec.Executor;
import dev.stagecraft.snapshot.Snapshotter;
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
 * @param contexts    build contexts by name ({@code context} for the main one)
 * @param compression how new layers are compressed
 * @param extraHosts  {@code host:ip} entries for every RUN's /etc/hosts
 * @param network     what a RUN's {@code default} network is: default (the host's), host or none
 */
public record WorkerSetup(LocalContentStore store, Lease lease, Snapshotter snapshotter, Executor executor,
        BaseImages baseImages, Map<String, BuildContext> contexts, Compression compression, List<String> extraHosts,
        String network) {
    public WorkerSetup {
        contexts = Map.copyOf(contexts);
        extraHosts = List.copyOf(extraHosts);
    }
}
