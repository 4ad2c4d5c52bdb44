package dev.stagecraft.content;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class GarbageCollectorTest {
    @TempDir
    Path root;

    private LocalContentStore store;
    private ReferenceStore references;
    private Leases leases;
    private GarbageCollector gc;
    /** The image graph, as the image layer would read it from manifests. */
    private final Map<Digest, List<Digest>> graph = new HashMap<>();
    private final Function<Digest, List<Digest>> children = d -> graph.getOrDefault(d, List.of());

    @BeforeEach
    void open() throws IOException {
        store = LocalContentStore.open(root);
        references = ReferenceStore.open(root);
        leases = Leases.open(root);
        gc = new GarbageCollector(store, references, leases);
    }

    private Digest blob(String content) throws IOException {
        return store.write(content.getBytes(UTF_8));
    }

    /** A stored "manifest" pointing at {@code children}. */
    private Digest manifest(String name, Digest... kids) throws IOException {
        Digest digest = blob("manifest " + name);
        graph.put(digest, List.of(kids));
        return digest;
    }

    @Test
    void keepsWhatReferencesReachAndRemovesTheRest() throws IOException {
        Digest layer = blob("layer");
        Digest config = blob("config");
        Digest image = manifest("image", config, layer);
        Digest index = manifest("index", image);
        Digest orphanLayer = blob("orphan layer");
        Digest orphanImage = manifest("orphan", orphanLayer, layer);
        references.put("example.com/app:1", Descriptor.of(MediaTypes.OCI_INDEX, index, 10));

        GarbageCollector.Result result = gc.collect(children);

        assertThat(result.removed()).containsExactlyInAnyOrder(orphanLayer, orphanImage);
        assertThat(result.bytesFreed()).isEqualTo("orphan layer".length() + "manifest orphan".length());
        assertThat(result.kept()).isEqualTo(4);
        assertThat(store.list()).containsExactlyInAnyOrder(layer, config, image, index);
    }

    @Test
    void keepsWhatLiveLeasesHoldAndFollowsTheirChildren() throws IOException {
        Digest layer = blob("layer");
        Digest image = manifest("image", layer);
        Digest loose = blob("loose");
        try (Lease lease = leases.create("pull", Duration.ofHours(1))) {
            lease.add(image);
            assertThat(gc.collect(children).removed()).containsExactly(loose);
            assertThat(store.list()).containsExactlyInAnyOrder(layer, image);
        }
        assertThat(gc.collect(children).removed()).containsExactlyInAnyOrder(layer, image);
        assertThat(store.list()).isEmpty();
    }

    @Test
    void extraRootsHoldContentToo() throws IOException {
        Digest cached = blob("cache record's layer");
        Digest loose = blob("loose");
        assertThat(gc.collect(List.of(cached), children).removed()).containsExactly(loose);
        assertThat(store.exists(cached)).isTrue();
    }

    @Test
    void rootsNotYetStoredAreNoError() throws IOException {
        Digest pending = Digest.sha256("not pulled yet".getBytes(UTF_8));
        leases.create("pull", Duration.ofHours(1)).add(pending);
        assertThat(gc.collect(d -> {
            throw new AssertionError("children of a missing blob were asked for: " + d);
        }).removed()).isEmpty();
    }

    @Test
    void aFailingChildrenFunctionDeletesNothing() throws IOException {
        Digest image = manifest("image", blob("layer"));
        blob("loose");
        references.put("a:1", Descriptor.of(MediaTypes.OCI_MANIFEST, image, 1));
        assertThatThrownBy(() -> gc.collect(d -> {
            throw new IllegalStateException("unreadable manifest");
        })).hasMessage("unreadable manifest");
        assertThat(store.list()).hasSize(3);
    }

    @Test
    @Timeout(30)
    void aBlobWrittenWhileACollectionRunsIsKept() throws Exception {
        Digest image = manifest("image");
        references.put("a:1", Descriptor.of(MediaTypes.OCI_MANIFEST, image, 1));
        CountDownLatch marking = new CountDownLatch(1);
        CountDownLatch writerStarted = new CountDownLatch(1);
        CompletableFuture<GarbageCollector.Result> collection = CompletableFuture.supplyAsync(() -> {
            try {
                return gc.collect(d -> {
                    marking.countDown();
                    await(writerStarted);
                    return List.of();
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        marking.await();
        CompletableFuture<Digest> write = CompletableFuture.supplyAsync(() -> {
            writerStarted.countDown();
            try {
                return blob("written during gc");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writerStarted.await();
        // The writer's commit waits for the collection, so the sweep cannot see (and take) it.
        GarbageCollector.Result result = collection.get(20, TimeUnit.SECONDS);
        Digest written = write.get(20, TimeUnit.SECONDS);

        assertThat(result.removed()).doesNotContain(written);
        assertThat(store.exists(written)).isTrue();
        assertThat(store.exists(image)).isTrue();
    }

    /** Waits until the writer has started and reached its commit, which waits for the collection. */
    private void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        while (!store.gcLock().hasWaitingThreads()) {
            Thread.onSpinWait();
        }
    }

    @Test
    void staleIngestLeftoversAreCleanedToo() throws IOException {
        Path leftover = java.nio.file.Files.write(root.resolve("ingest/dead.tmp"), new byte[10]);
        java.nio.file.Files.setLastModifiedTime(leftover,
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(Duration.ofDays(1))));
        gc.collect(children);
        assertThat(leftover).doesNotExist();
    }
}
