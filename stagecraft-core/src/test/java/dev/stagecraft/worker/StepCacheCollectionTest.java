package dev.stagecraft.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.cache.CacheIndex;
import dev.stagecraft.cache.CacheKeys;
import dev.stagecraft.context.ContentChecksums;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.GarbageCollector;
import dev.stagecraft.content.Lease;
import dev.stagecraft.content.Leases;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.ReferenceStore;
import dev.stagecraft.graph.ExecOp;
import dev.stagecraft.graph.ImageSourceOp;
import dev.stagecraft.graph.Vertex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prune that removes the record a running build has just used, then collects, cannot take the
 * blobs that build goes on with: {@link StepCache#load} put them in the build's lease.
 */
class StepCacheCollectionTest {
    @TempDir
    Path root;

    @Test
    void aRecordRemovedAfterAHitKeepsItsBlobsForTheBuildThatUsedIt() throws IOException {
        LocalContentStore store = LocalContentStore.open(root);
        Leases leases = Leases.open(root);
        ReferenceStore references = ReferenceStore.open(root);
        CacheIndex index = CacheIndex.open(root.resolve("cache/records"));
        byte[] layer = "a layer's bytes".getBytes(StandardCharsets.UTF_8);
        Digest blob = store.write(layer);
        Vertex base = new Vertex(new ImageSourceOp("stagecraft.test/base:1", "linux/amd64"), List.of(), "base");
        Vertex run = new Vertex(new ExecOp(List.of("sh", "-c", "true"), List.of(), "/", "", "default", "sandbox",
                "linux/amd64", List.of(), List.of()), List.of(base), "[1/1] RUN true");
        FsRef result = new FsRef(List.of(new LayerBlob(Digest.sha256(layer),
                Descriptor.of("application/vnd.oci.image.layer.v1.tar", blob, layer.length), "RUN true")));

        try (Lease earlier = leases.create("earlier build", Duration.ofHours(1))) {
            StepCache cache = new StepCache(new CacheKeys(ContentChecksums.inMemory()), index, store, earlier, true, "");
            cache.store(run, "sha256:" + "1".repeat(64), result);
        }
        try (Lease running = leases.create("running build", Duration.ofHours(1))) {
            StepCache cache = new StepCache(new CacheKeys(ContentChecksums.inMemory()), index, store, running, true, "");
            Optional<Ref> hit = cache.load(run, "sha256:" + "1".repeat(64));
            assertThat(hit).contains(result);

            // The prune: the record goes, then everything no root holds.
            assertThat(index.remove("sha256:" + "1".repeat(64))).isTrue();
            GarbageCollector.Result collected = new GarbageCollector(store, references, leases)
                    .collect(index.blobs(), d -> List.of());
            assertThat(collected.removed()).doesNotContain(blob);
            assertThat(store.exists(blob)).isTrue();
            assertThat(leases.digests("running build")).contains(blob);
        }
        // Once the build is over and nothing records the blob, it goes.
        assertThat(new GarbageCollector(store, references, leases).collect(index.blobs(), d -> List.of()).removed())
                .contains(blob);
    }
}
