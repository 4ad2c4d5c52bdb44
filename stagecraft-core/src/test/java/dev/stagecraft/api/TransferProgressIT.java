package dev.stagecraft.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.GarbageCollector;
import dev.stagecraft.content.Leases;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.content.ReferenceStore;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.Manifest;
import dev.stagecraft.registry.TestRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Images#pull} and {@link Images#push} against a real registry: the per-blob progress
 * they report, and the lease that keeps a pull's blobs through a garbage collection running in
 * the middle of it.
 */
class TransferProgressIT {
    private static final int LAYERS = 3;
    private static TestRegistry registry;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = TestRegistry.start(false);
    }

    @AfterAll
    static void stopRegistry() throws IOException {
        if (registry != null) {
            registry.close();
        }
    }

    /** An image of {@link #LAYERS} random layers (the transfer never looks inside them), named {@code ref}. */
    private static ImageDocument.OfManifest storeImage(Path root, String ref, long seed) throws IOException {
        LocalContentStore store = LocalContentStore.open(root);
        Random random = new Random(seed);
        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < LAYERS; i++) {
            byte[] layer = new byte[200_000 + i * 50_000];
            random.nextBytes(layer);
            layers.add(Descriptor.of(MediaTypes.OCI_LAYER_GZIP, store.write(layer), layer.length));
        }
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[]},\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8);
        Digest configDigest = store.write(config);
        ImageDocument.OfManifest manifest = ImageJson.write(Manifest.oci(
                Descriptor.of(MediaTypes.OCI_CONFIG, configDigest, config.length), layers));
        store.write(manifest.raw());
        ReferenceStore.open(root).put(ref, manifest.descriptor());
        return manifest;
    }

    private static Images images(Path root) {
        return Images.open(root, RegistrySettings.defaults());
    }

    private static List<String> layerDigests(ImageDocument.OfManifest image) {
        return image.manifest().layers().stream().map(Descriptor::digest).toList();
    }

    /** The statuses each digest went through, in order. */
    private static java.util.Map<String, List<TransferProgress.Status>> byDigest(List<TransferProgress.Event> events) {
        return events.stream().collect(Collectors.groupingBy(TransferProgress.Event::digest,
                java.util.LinkedHashMap::new, Collectors.mapping(TransferProgress.Event::status, Collectors.toList())));
    }

    @Test
    void aPullKeepsItsBlobsThroughAGarbageCollectionRunningBeforeTheReferenceIsStored() throws IOException {
        String ref = registry.host() + "/lease/app:1";
        ImageDocument.OfManifest image = storeImage(tmp.resolve("source"), ref, 1);
        images(tmp.resolve("source")).push(ref);

        Path root = tmp.resolve("pulled");
        Images target = images(root);
        GarbageCollector gc = new GarbageCollector(LocalContentStore.open(root), ReferenceStore.open(root),
                Leases.open(root));
        AtomicBoolean collected = new AtomicBoolean();
        AtomicReference<List<Digest>> removed = new AtomicReference<>(List.of());
        target.pull(ref, null, event -> {
            // A prune in the middle of the pull: after a layer is stored, before the reference is.
            if (event.status() == TransferProgress.Status.DONE && event.layer() && collected.compareAndSet(false, true)) {
                try {
                    removed.set(gc.collect(d -> List.of()).removed());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        assertThat(collected).isTrue();
        assertThat(removed.get()).isEmpty();
        LocalContentStore store = LocalContentStore.open(root);
        assertThat(store.exists(image.digest())).isTrue();
        assertThat(store.exists(image.manifest().config().parsedDigest())).isTrue();
        for (Descriptor layer : image.manifest().layers()) {
            assertThat(store.exists(layer.parsedDigest())).as(layer.digest()).isTrue();
        }
        // The pull's lease ended with it: the reference holds the image now.
        assertThat(Leases.open(root).names()).isEmpty();
    }

    @Test
    void aPullReportsEveryLayerFromWaitingUntilDoneAndAlreadyExistsTheSecondTime() throws IOException {
        String ref = registry.host() + "/progress/pull:1";
        ImageDocument.OfManifest image = storeImage(tmp.resolve("source"), ref, 2);
        images(tmp.resolve("source")).push(ref);

        List<TransferProgress.Event> events = Collections.synchronizedList(new ArrayList<>());
        Images target = images(tmp.resolve("pulled"));
        target.pull(ref, null, events::add);
        var statuses = byDigest(events.stream().filter(TransferProgress.Event::layer).toList());
        assertThat(statuses.keySet()).containsExactlyInAnyOrderElementsOf(layerDigests(image));
        for (List<TransferProgress.Status> s : statuses.values()) {
            assertThat(s.get(0)).isEqualTo(TransferProgress.Status.WAITING);
            assertThat(s).contains(TransferProgress.Status.DOWNLOADING, TransferProgress.Status.VERIFYING);
            assertThat(s.get(s.size() - 1)).isEqualTo(TransferProgress.Status.DONE);
        }
        for (TransferProgress.Event e : events) {
            if (e.status() == TransferProgress.Status.DOWNLOADING) {
                assertThat(e.current()).isBetween(0L, e.total());
            }
        }
        assertThat(events).filteredOn(e -> !e.layer()).extracting(TransferProgress.Event::digest)
                .containsOnly(image.manifest().config().digest());

        events.clear();
        target.pull(ref, null, events::add);
        assertThat(byDigest(events.stream().filter(TransferProgress.Event::layer).toList()).values())
                .hasSize(LAYERS).allSatisfy(s -> assertThat(s).containsExactly(TransferProgress.Status.ALREADY_EXISTS));
    }

    @Test
    void aPushReportsUploadsThenLayersThatExistAlready() throws IOException {
        String ref = registry.host() + "/progress/push:1";
        ImageDocument.OfManifest image = storeImage(tmp.resolve("source"), ref, 3);
        List<TransferProgress.Event> events = Collections.synchronizedList(new ArrayList<>());
        Images source = images(tmp.resolve("source"));
        assertThat(source.push(ref, events::add)).isEqualTo(image.digest().toString());
        var statuses = byDigest(events.stream().filter(TransferProgress.Event::layer).toList());
        assertThat(statuses.keySet()).containsExactlyInAnyOrderElementsOf(layerDigests(image));
        for (List<TransferProgress.Status> s : statuses.values()) {
            assertThat(s.get(0)).isEqualTo(TransferProgress.Status.WAITING);
            assertThat(s).contains(TransferProgress.Status.UPLOADING);
            assertThat(s.get(s.size() - 1)).isEqualTo(TransferProgress.Status.PUSHED);
        }
        assertThat(events).filteredOn(e -> e.status() == TransferProgress.Status.UPLOADING && e.layer())
                .anySatisfy(e -> assertThat(e.current()).isEqualTo(e.total()));

        events.clear();
        source.push(ref, events::add);
        assertThat(byDigest(events.stream().filter(TransferProgress.Event::layer).toList()).values())
                .hasSize(LAYERS).allSatisfy(s -> assertThat(s).containsExactly(TransferProgress.Status.WAITING,
                        TransferProgress.Status.ALREADY_EXISTS));
    }
}
