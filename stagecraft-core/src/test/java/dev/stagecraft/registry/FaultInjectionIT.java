package dev.stagecraft.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.transfer.PullResult;
import dev.stagecraft.image.transfer.Puller;
import dev.stagecraft.image.transfer.Pusher;
import dev.stagecraft.image.transfer.PushResult;
import dev.stagecraft.reference.ImageReference;
import dev.stagecraft.registry.FaultProxy.Fault;
import dev.stagecraft.registry.auth.CredentialProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push and pull through a {@link FaultProxy} in front of a real registry: transient faults are
 * retried away with the content intact; faults that outlast the retry budget fail with a message
 * naming the registry; content that does not match its digest is never stored.
 */
@Timeout(20)
class FaultInjectionIT {
    private static final int ATTEMPTS = 3;
    private static final String BLOB_GET = "/blobs/sha256:";
    private static final String MANIFEST = "/manifests/";
    private static final String UPLOAD_START = "/blobs/uploads/$";
    private static final String UPLOAD_SESSION = "/blobs/uploads/[^?]+";

    private static TestRegistry registry;
    private static FaultProxy proxy;
    private static ExecutorService pool;
    private static final AtomicInteger REPO = new AtomicInteger();

    @TempDir
    Path tmp;
    private ContentStore source;
    private ContentStore target;
    private Registries registries;
    private String repo;

    @BeforeAll
    static void start() throws Exception {
        registry = TestRegistry.start(false);
        String host = registry.host();
        proxy = new FaultProxy(Integer.parseInt(host.substring(host.lastIndexOf(':') + 1)));
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stop() throws IOException {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        proxy.clear();
        source = LocalContentStore.open(tmp.resolve("source"));
        target = LocalContentStore.open(tmp.resolve("target"));
        registries = registries(new RetryPolicy(ATTEMPTS, Duration.ofMillis(20), Duration.ofMillis(100)));
        repo = "faults/r" + REPO.incrementAndGet();
    }

    private static Registries registries(RetryPolicy policy) {
        return new Registries(RegistryOptions.defaults().withCredentials(CredentialProvider.ANONYMOUS)
                .withRetryPolicy(policy).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    private ImageReference ref(String tag) {
        return ImageReference.parse(proxy.host() + "/" + repo + ":" + tag);
    }

    /** A fresh image pushed through the proxy with no fault active. */
    private ImageDocument.OfManifest pushed(long seed) throws IOException {
        ImageDocument.OfManifest image = TestImages.image(source, "amd64", seed);
        new Pusher(registries, source, pool).push(ref("v1"), image.descriptor());
        proxy.clear();
        return image;
    }

    private static List<Descriptor> blobs(ImageDocument.OfManifest image) {
        List<Descriptor> all = new ArrayList<>();
        all.add(image.manifest().config());
        all.addAll(image.manifest().layers());
        return all;
    }

    /** The pulled image is the pushed one, byte for byte, under the same digests. */
    private void assertPulledIntact(PullResult pulled, ImageDocument.OfManifest image, ContentStore store)
            throws IOException {
        assertThat(pulled.manifest().digest()).isEqualTo(image.digest().toString());
        assertThat(Digest.sha256(store.read(image.digest()))).isEqualTo(image.digest());
        for (Descriptor d : blobs(image)) {
            byte[] got = store.read(d.parsedDigest());
            assertThat(Digest.sha256(got)).isEqualTo(d.parsedDigest());
            assertThat(got).isEqualTo(source.read(d.parsedDigest()));
        }
    }

    /** Nothing of the image reached the store. */
    private void assertNothingStored(ImageDocument.OfManifest image, ContentStore store) {
        assertThat(store.exists(image.digest())).isFalse();
    }

    private PullResult pull() {
        return new Puller(registries, target, pool).pull(ref("v1"));
    }

    // --- Pulls survive transient faults -------------------------------------------------------

    @Test
    void pullSurvivesConnectionResetsInTheMiddleOfBlobs() throws IOException {
        ImageDocument.OfManifest image = pushed(1);
        FaultProxy.Rule rule = proxy.inject("GET", BLOB_GET, new Fault.Reset(), 2);
        assertPulledIntact(pull(), image, target);
        assertThat(rule.applied()).isEqualTo(2);
        assertThat(proxy.count("GET", BLOB_GET)).isEqualTo(3 + 2);
    }

    @Test
    void pullSurvivesServerErrorsAndThrottlingOnBlobs() throws IOException {
        ImageDocument.OfManifest image = pushed(2);
        String layer = image.manifest().layers().get(0).digest();
        FaultProxy.Rule error = proxy.inject("GET", BLOB_GET.replace("sha256:", "") + layer, new Fault.Status(500, -1), 1);
        FaultProxy.Rule throttle = proxy.inject("GET", BLOB_GET, new Fault.Status(429, 0), 1);
        assertPulledIntact(pull(), image, target);
        assertThat(error.applied()).isEqualTo(1);
        assertThat(throttle.applied()).isEqualTo(1);
    }

    @Test
    void pullSurvivesTruncatedBlobs() throws IOException {
        ImageDocument.OfManifest image = pushed(3);
        FaultProxy.Rule rule = proxy.inject("GET", BLOB_GET, new Fault.Truncate(100), 2);
        assertPulledIntact(pull(), image, target);
        assertThat(rule.applied()).isEqualTo(2);
    }

    @Test
    void pullSurvivesABlobThatStallsLongerThanTheResponseTimeout() throws IOException {
        ImageDocument.OfManifest image = pushed(4);
        String layer = image.manifest().layers().get(1).digest();
        FaultProxy.Rule rule = proxy.inject("GET", "/blobs/" + layer, new Fault.Stall(3000), 1);
        assertPulledIntact(pull(), image, target);
        assertThat(rule.applied()).isEqualTo(1);
        // The silent response was given up (the response timeout is 1 s) and the blob asked again.
        assertThat(proxy.count("GET", "/blobs/" + layer)).isEqualTo(2);
    }

    @Test
    void pullSurvivesFaultsOnTheManifest() throws IOException {
        ImageDocument.OfManifest image = pushed(5);
        FaultProxy.Rule error = proxy.inject("GET", MANIFEST, new Fault.Status(503, -1), 1);
        FaultProxy.Rule reset = proxy.inject("GET", MANIFEST, new Fault.Reset(), 1);
        assertPulledIntact(pull(), image, target);
        assertThat(error.applied()).isEqualTo(1);
        assertThat(reset.applied()).isEqualTo(1);
        assertThat(proxy.count("GET", MANIFEST)).isEqualTo(3);
    }

    @Test
    void pullSurvivesAManifestWhoseAnswerIsLate() throws IOException {
        ImageDocument.OfManifest image = pushed(18);
        FaultProxy.Rule rule = proxy.inject("GET", MANIFEST, new Fault.StallHead(3000), 1);
        assertPulledIntact(pull(), image, target);
        assertThat(rule.applied()).isEqualTo(1);
        assertThat(proxy.count("GET", MANIFEST)).isEqualTo(2);
    }

    @Test
    void aLongRetryAfterIsCappedAtThePolicysLongestWait() throws IOException {
        ImageDocument.OfManifest image = pushed(19);
        // Honouring 60 s would outlast the class's 20 s test timeout; the cap itself is checked
        // without a clock in RetryPolicyTest.
        FaultProxy.Rule rule = proxy.inject("GET", BLOB_GET, new Fault.Status(429, 60), 1);
        assertPulledIntact(pull(), image, target);
        assertThat(rule.applied()).isEqualTo(1);
    }

    @Test
    void retryAfterIsHonouredWithinThePolicy() throws IOException {
        ImageDocument.OfManifest image = pushed(6);
        registries = registries(new RetryPolicy(ATTEMPTS, Duration.ofMillis(10), Duration.ofMillis(1500)));
        FaultProxy.Rule rule = proxy.inject("GET", MANIFEST, new Fault.Status(429, 1), 1);
        assertPulledIntact(pull(), image, target);
        assertThat(rule.applied()).isEqualTo(1);
        assertThat(proxy.count("GET", MANIFEST)).isEqualTo(2);
    }

    // --- Pushes survive transient faults ------------------------------------------------------

    @Test
    void pushSurvivesFaultsOnEveryStepOfAnUpload() throws IOException {
        ImageDocument.OfManifest image = TestImages.image(source, "amd64", 7);
        FaultProxy.Rule head = proxy.inject("HEAD", BLOB_GET, new Fault.Status(429, 0), 1);
        FaultProxy.Rule start = proxy.inject("POST", UPLOAD_START, new Fault.Status(500, -1), 2);
        // The registry completes this PUT; the client only sees the connection break.
        FaultProxy.Rule put = proxy.inject("PUT", UPLOAD_SESSION, new Fault.Reset(), 1);
        FaultProxy.Rule manifest = proxy.inject("PUT", MANIFEST, new Fault.Status(502, -1), 1);
        PushResult result = new Pusher(registries, source, pool).push(ref("v1"), image.descriptor());
        assertThat(result.reference().digest()).hasValue(image.digest().toString());
        assertThat(List.of(head.applied(), start.applied(), put.applied(), manifest.applied()))
                .containsExactly(1, 2, 1, 1);

        proxy.clear();
        assertPulledIntact(pull(), image, target);
    }

    @Test
    void chunkedPushSurvivesABrokenChunk() throws IOException {
        byte[] content = TestImages.bytes(8, 10_000);
        Descriptor blob = TestImages.blob(source, MediaTypes.OCI_LAYER_GZIP, content);
        RegistryClient client = registries.client(proxy.host());
        RegistryClient chunky = new Registries(registries.options().withChunkSize(3000)).client(proxy.host());
        FaultProxy.Rule patch = proxy.inject("PATCH", UPLOAD_SESSION, new Fault.Reset(), 1);
        FaultProxy.Rule patch500 = proxy.inject("PATCH", UPLOAD_SESSION, new Fault.Status(500, -1), 1);
        assertThat(chunky.pushBlob(repo, blob, source, List.of())).isEqualTo(BlobPushOutcome.UPLOADED_IN_CHUNKS);
        assertThat(patch.applied() + patch500.applied()).isEqualTo(2);

        proxy.clear();
        client.getBlob(repo, blob.parsedDigest(), content.length, target);
        assertThat(target.read(blob.parsedDigest())).isEqualTo(content);
    }

    // --- Faults beyond the retry budget ------------------------------------------------------

    @Test
    void persistentServerErrorsOnBlobsFailNamingTheRegistry() throws IOException {
        ImageDocument.OfManifest image = pushed(9);
        String layer = image.manifest().layers().get(0).digest();
        proxy.inject("GET", "/blobs/" + layer, new Fault.Status(500, -1), 100);
        assertThatThrownBy(this::pull).isInstanceOf(RegistryException.class)
                .hasMessageContaining(proxy.host())
                .hasMessageContaining("answered HTTP 500")
                .satisfies(e -> assertThat(((RegistryException) e).status()).isEqualTo(500));
        assertThat(proxy.count("GET", "/blobs/" + layer)).isEqualTo(ATTEMPTS);
        assertThat(target.exists(image.manifest().layers().get(0).parsedDigest())).isFalse();
        assertNothingStored(image, target);
    }

    @Test
    void persistentThrottlingFailsNamingTheRegistry() throws IOException {
        ImageDocument.OfManifest image = pushed(10);
        proxy.inject("GET", MANIFEST, new Fault.Status(429, 0), 100);
        assertThatThrownBy(this::pull).isInstanceOf(RegistryException.class)
                .hasMessageContaining(proxy.host() + " is throttling requests (HTTP 429)");
        assertThat(proxy.count("GET", MANIFEST)).isEqualTo(ATTEMPTS);
        assertNothingStored(image, target);
    }

    @Test
    void persistentResetsFailNamingTheRegistry() throws IOException {
        ImageDocument.OfManifest image = pushed(11);
        String layer = image.manifest().layers().get(1).digest();
        proxy.inject("GET", "/blobs/" + layer, new Fault.Reset(), 100);
        assertThatThrownBy(this::pull).isInstanceOf(RegistryException.class)
                .hasMessageContaining(proxy.host());
        assertThat(proxy.count("GET", "/blobs/" + layer)).isEqualTo(ATTEMPTS);
        assertThat(target.exists(image.manifest().layers().get(1).parsedDigest())).isFalse();
        assertNothingStored(image, target);
    }

    @Test
    void persistentTruncationNeverStoresAPartialBlob() throws IOException {
        ImageDocument.OfManifest image = pushed(12);
        String layer = image.manifest().layers().get(0).digest();
        proxy.inject("GET", "/blobs/" + layer, new Fault.Truncate(1000), 100);
        assertThatThrownBy(this::pull).isInstanceOf(RegistryException.class)
                .hasMessageContaining(proxy.host());
        assertThat(target.exists(image.manifest().layers().get(0).parsedDigest())).isFalse();
        assertNothingStored(image, target);
    }

    @Test
    void persistentStallsFailWithinTheirTimeouts() throws IOException {
        ImageDocument.OfManifest image = pushed(13);
        String layer = image.manifest().layers().get(0).digest();
        proxy.inject("GET", "/blobs/" + layer, new Fault.Stall(5000), 100);
        assertThatThrownBy(this::pull).isInstanceOf(RegistryException.class)
                .hasMessageContaining(proxy.host())
                .hasMessageContaining("did not answer in time");
        assertThat(proxy.count("GET", "/blobs/" + layer)).isEqualTo(ATTEMPTS);
        assertNothingStored(image, target);
    }

    @Test
    void persistentUploadFailuresFailThePushBeforeTheTagMoves() throws IOException {
        ImageDocument.OfManifest image = TestImages.image(source, "amd64", 14);
        proxy.inject("POST", UPLOAD_START, new Fault.Status(500, -1), 100);
        assertThatThrownBy(() -> new Pusher(registries, source, pool).push(ref("v1"), image.descriptor()))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("push of blob")
                .hasMessageContaining(proxy.host());
        assertThat(proxy.count("PUT", MANIFEST)).isZero();
        proxy.clear();
        assertThatThrownBy(this::pull).isInstanceOf(RegistryException.class).hasMessageContaining("not found");
    }

    // --- Wrong content ----------------------------------------------------------------------

    @Test
    void aBlobWithTheWrongContentIsNeverStoredAndFailsNamingRegistryRepositoryAndDigest() throws IOException {
        ImageDocument.OfManifest image = pushed(15);
        Descriptor layer = image.manifest().layers().get(0);
        proxy.inject("GET", "/blobs/" + layer.digest(), new Fault.Corrupt(), 100);
        assertThatThrownBy(this::pull).isInstanceOf(RegistryException.class)
                .hasMessageContaining(proxy.host())
                .hasMessageContaining(repo + "@" + layer.digest())
                .hasMessageContaining("was not stored");
        // Asked again as the policy allows, never more.
        assertThat(proxy.count("GET", "/blobs/" + layer.digest())).isEqualTo(ATTEMPTS);
        assertThat(target.exists(layer.parsedDigest())).isFalse();
        assertNothingStored(image, target);
    }

    @Test
    void aOnceCorruptedBlobIsFetchedAgainAndStoredIntact() throws IOException {
        ImageDocument.OfManifest image = pushed(16);
        Descriptor layer = image.manifest().layers().get(1);
        FaultProxy.Rule rule = proxy.inject("GET", "/blobs/" + layer.digest(), new Fault.Corrupt(), 1);
        assertPulledIntact(pull(), image, target);
        assertThat(rule.applied()).isEqualTo(1);
        assertThat(proxy.count("GET", "/blobs/" + layer.digest())).isEqualTo(2);
    }

    @Test
    void aManifestWithTheWrongContentIsRefused() throws IOException {
        ImageDocument.OfManifest image = pushed(17);
        proxy.inject("GET", MANIFEST, new Fault.Corrupt(), 100);
        assertThatThrownBy(this::pull).isInstanceOf(RegistryException.class)
                .hasMessageContaining(proxy.host());
        assertThatThrownBy(() -> new Puller(registries, target, pool)
                .pull(ImageReference.parse(proxy.host() + "/" + repo + "@" + image.digest())))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining(proxy.host())
                .hasMessageContaining("the registry sent content with digest");
        assertNothingStored(image, target);
        for (Descriptor d : blobs(image)) {
            assertThat(target.exists(d.parsedDigest())).isFalse();
        }
    }
}
