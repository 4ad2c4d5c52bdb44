package dev.stagecraft.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.Index;
import dev.stagecraft.image.transfer.Puller;
import dev.stagecraft.image.transfer.Pusher;
import dev.stagecraft.image.transfer.PullResult;
import dev.stagecraft.image.transfer.PushResult;
import dev.stagecraft.reference.ImageReference;
import dev.stagecraft.reference.Platform;
import dev.stagecraft.registry.auth.CredentialProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push and pull against a real registry without authentication. */
class RegistryPushPullIT {
    private static TestRegistry registry;
    private static ExecutorService pool;

    @TempDir
    Path tmp;
    private ContentStore source;
    private ContentStore target;
    private Registries registries;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = TestRegistry.start(false);
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stopRegistry() throws IOException {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void stores() throws IOException {
        source = LocalContentStore.open(tmp.resolve("source"));
        target = LocalContentStore.open(tmp.resolve("target"));
        registries = new Registries(RegistryOptions.defaults().withCredentials(CredentialProvider.ANONYMOUS)
                .withRetryPolicy(new RetryPolicy(3, java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(200))));
    }

    private ImageReference ref(String repoAndTag) {
        return ImageReference.parse(registry.host() + "/" + repoAndTag);
    }

    @Test
    void anonymousPing() {
        RegistryClient client = registries.client(registry.host());
        assertThat(client.endpoint().toString()).isEqualTo("http://" + registry.host());
        assertThat(client.ping()).isEmpty();
    }

    @Test
    void pushedImageComesBackByTagAndByDigest() throws IOException {
        ImageDocument.OfManifest image = TestImages.image(source, "amd64", 1);
        PushResult pushed = new Pusher(registries, source, pool).push(ref("app:v1"), image.descriptor());
        assertThat(pushed.blobs()).hasSize(3).containsValues(BlobPushOutcome.UPLOADED);
        assertThat(pushed.reference().digest()).hasValue(image.digest().toString());

        PullResult byTag = new Puller(registries, target, pool).pull(ref("app:v1"));
        assertThat(byTag.manifest().digest()).isEqualTo(image.digest().toString());
        assertThat(byTag.index()).isEmpty();
        assertThat(byTag.reference().toString()).isEqualTo(registry.host() + "/app:v1@" + image.digest());
        assertThat(target.read(image.digest())).isEqualTo(image.raw());
        for (Descriptor d : List.of(image.manifest().config(), image.manifest().layers().get(0),
                image.manifest().layers().get(1))) {
            assertThat(target.read(d.parsedDigest())).isEqualTo(source.read(d.parsedDigest()));
        }

        ContentStore third = LocalContentStore.open(tmp.resolve("third"));
        PullResult byDigest = new Puller(registries, third, pool).pull(ref("app@" + image.digest()));
        assertThat(byDigest.manifest().digest()).isEqualTo(image.digest().toString());
        assertThat(third.exists(image.manifest().layers().get(1).parsedDigest())).isTrue();
    }

    @Test
    void blobsTheRepositoryHasAreSkippedAndOthersMountedFromAnotherRepository() throws IOException {
        ImageDocument.OfManifest image = TestImages.image(source, "amd64", 2);
        Pusher pusher = new Pusher(registries, source, pool);
        pusher.push(ref("first:1"), image.descriptor());

        PushResult again = pusher.push(ref("first:2"), image.descriptor());
        assertThat(again.blobs().values()).containsOnly(BlobPushOutcome.EXISTED);

        List<dev.stagecraft.image.transfer.TransferEvent> events =
                java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        PushResult mounted = new Pusher(registries, source, pool, events::add)
                .push(ref("second:1"), image.descriptor(), List.of("first"));
        assertThat(mounted.blobs().values()).containsOnly(BlobPushOutcome.MOUNTED);
        // Each layer is reported mounted, with the repository it came from.
        assertThat(events).filteredOn(e -> e.kind() == dev.stagecraft.image.transfer.TransferEvent.Kind.MOUNTED
                && e.layer()).extracting(e -> e.digest().toString() + " " + e.detail())
                .containsExactlyInAnyOrderElementsOf(image.manifest().layers().stream()
                        .map(l -> l.digest() + " first").toList());
        assertThat(new Puller(registries, target, pool).pull(ref("second:1")).manifest().digest())
                .isEqualTo(image.digest().toString());
    }

    @Test
    void bigBlobGoesUpInChunks() throws IOException {
        Registries chunky = new Registries(registries.options().withChunkSize(1 << 20));
        byte[] big = TestImages.bytes(42, 5 * (1 << 20) + 123);
        Descriptor blob = TestImages.blob(source, MediaTypes.OCI_LAYER_GZIP, big);
        RegistryClient client = chunky.client(registry.host());
        assertThat(client.pushBlob("chunked", blob, source, List.of())).isEqualTo(BlobPushOutcome.UPLOADED_IN_CHUNKS);
        assertThat(client.headBlob("chunked", blob.parsedDigest())).hasValue((long) big.length);
        client.getBlob("chunked", blob.parsedDigest(), big.length, target);
        assertThat(Digest.sha256(target.read(blob.parsedDigest()))).isEqualTo(blob.parsedDigest());
        assertThat(client.pushBlob("chunked", blob, source, List.of())).isEqualTo(BlobPushOutcome.EXISTED);
    }

    @Test
    void indexIsResolvedToTheRequestedPlatform() throws IOException {
        ImageDocument.OfManifest amd = TestImages.image(source, "amd64", 10);
        ImageDocument.OfManifest arm = TestImages.image(source, "arm64", 20);
        ImageDocument.OfIndex index = TestImages.index(source, List.of(amd, arm), List.of("amd64", "arm64"));
        PushResult pushed = new Pusher(registries, source, pool).push(ref("multi:1"), index.descriptor());
        assertThat(pushed.blobs()).hasSize(6);

        Puller puller = new Puller(registries, target, pool);
        PullResult armPull = puller.pull(ref("multi:1"), Platform.parse("linux/arm64"));
        assertThat(armPull.manifest().digest()).isEqualTo(arm.digest().toString());
        assertThat(armPull.manifest().platform().architecture()).isEqualTo("arm64");
        assertThat(armPull.index()).hasValueSatisfying(d -> assertThat(d.digest()).isEqualTo(index.digest().toString()));
        assertThat(armPull.reference().digest()).hasValue(index.digest().toString());
        assertThat(target.exists(arm.manifest().config().parsedDigest())).isTrue();
        assertThat(target.exists(amd.manifest().config().parsedDigest())).isFalse();

        assertThat(puller.pull(ref("multi:1"), Platform.parse("linux/amd64")).manifest().digest())
                .isEqualTo(amd.digest().toString());
        assertThatThrownBy(() -> puller.pull(ref("multi:1"), Platform.parse("linux/s390x")))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("no image for platform linux/s390x")
                .hasMessageContaining("linux/amd64, linux/arm64");
    }

    @Test
    void dockerManifestListAndManifestsRoundTrip() throws IOException {
        ImageDocument.OfManifest oci = TestImages.image(source, "arm64", 30);
        ImageDocument.OfManifest docker = ImageJson.write(oci.manifest().asDockerMediaTypes());
        source.write(docker.raw());
        Descriptor d = docker.descriptor();
        Index list = new Index(2, MediaTypes.DOCKER_MANIFEST_LIST, null, List.of(new Descriptor(d.mediaType(),
                d.digest(), d.size(), null, null, new Descriptor.PlatformSpec("arm64", "linux", null, null, "v8"))),
                null, null);
        ImageDocument.OfIndex listDoc = ImageJson.write(list);
        source.write(listDoc.raw());
        new Pusher(registries, source, pool).push(ref("dockerish:1"), listDoc.descriptor());

        RegistryClient client = registries.client(registry.host());
        assertThat(client.getManifest("dockerish", "1").mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
        assertThat(client.getManifest("dockerish", docker.digest().toString()).mediaType())
                .isEqualTo(MediaTypes.DOCKER_MANIFEST);
        PullResult pulled = new Puller(registries, target, pool).pull(ref("dockerish:1"), Platform.parse("linux/arm64"));
        assertThat(pulled.manifest().digest()).isEqualTo(docker.digest().toString());
        assertThat(pulled.manifest().mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(target.read(listDoc.digest())).isEqualTo(listDoc.raw());
    }

    @Test
    void missingTagIsNotFoundNamingTheReference() {
        assertThatThrownBy(() -> new Puller(registries, target, pool).pull(ref("nothing:here")))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith(registry.host() + "/nothing:here: not found")
                .satisfies(e -> assertThat(((RegistryException) e).status()).isEqualTo(404));
    }

    @Test
    void contentThatDoesNotMatchIsNeverStored() throws IOException {
        Descriptor blob = TestImages.blob(source, MediaTypes.OCI_LAYER_GZIP, TestImages.bytes(7, 4000));
        RegistryClient client = registries.client(registry.host());
        client.pushBlob("mismatch", blob, source, List.of());
        assertThatThrownBy(() -> client.getBlob("mismatch", blob.parsedDigest(), 3999, target))
                .isInstanceOf(RegistryException.class).hasMessageContaining("was not stored");
        assertThat(target.exists(blob.parsedDigest())).isFalse();
        assertThat(client.headBlob("mismatch", Digest.sha256(new byte[] {1}))).isEmpty();
    }
}
