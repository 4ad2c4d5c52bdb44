package dev.stagecraft.registry;

import static dev.stagecraft.registry.ScriptedRegistry.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.registry.auth.CredentialProvider;
import dev.stagecraft.registry.auth.Credentials;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries, broken downloads, wrong content, redirects and mirrors, against a scripted server. */
class ResilienceTest {
    private static final byte[] BLOB = TestImages.bytes(5, 100_000);
    private static final Digest BLOB_DIGEST = Digest.sha256(BLOB);
    private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
            + "\",\"config\":{\"mediaType\":\"x\",\"digest\":\"" + BLOB_DIGEST + "\",\"size\":1},\"layers\":[]}";
    private static final String BLOB_PATH = "/v2/app/blobs/" + BLOB_DIGEST;

    @TempDir
    Path tmp;
    private ScriptedRegistry server;
    private ContentStore store;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedRegistry();
        store = LocalContentStore.open(tmp.resolve("store"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RegistryOptions options() {
        return RegistryOptions.defaults().withCredentials(CredentialProvider.ANONYMOUS)
                .withRetryPolicy(new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5)));
    }

    private RegistryClient client() {
        return new RegistryClient(server.host(), options());
    }

    @Test
    void serverErrorsAndThrottlingAreRetried() {
        server.on("GET", "/v2/app/manifests/1", ex -> {
            switch (calls.incrementAndGet()) {
                case 1 -> respond(ex, 503, Map.of(), "busy");
                case 2 -> respond(ex, 429, Map.of("Retry-After", "0"), "slow down");
                default -> respond(ex, 200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), MANIFEST);
            }
        });
        FetchedManifest m = client().getManifest("app", "1");
        assertThat(m.digest()).isEqualTo(Digest.sha256(MANIFEST.getBytes(StandardCharsets.UTF_8)));
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void persistentServerErrorEndsAfterTheLastAttempt() {
        server.on("GET", "/v2/app/manifests/1", ex -> {
            calls.incrementAndGet();
            respond(ex, 500, Map.of(), "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"disk on fire\"}]}");
        });
        assertThatThrownBy(() -> client().getManifest("app", "1"))
                .isInstanceOf(RegistryException.class)
                .hasMessage(server.host() + "/app:1: " + server.host() + " answered HTTP 500 (UNKNOWN: disk on fire)");
        assertThat(calls.get()).isEqualTo(4);
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.on("GET", "/v2/app/manifests/1", ex -> {
            calls.incrementAndGet();
            respond(ex, 403, Map.of(), "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"no\"}]}");
        });
        assertThatThrownBy(() -> client().getManifest("app", "1"))
                .hasMessageContaining("access denied by " + server.host() + " (DENIED: no)")
                .hasMessageContaining("run: stagecraft login " + server.host());
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void brokenDownloadIsStartedAgain() throws IOException {
        java.util.concurrent.CountDownLatch retried = new java.util.concurrent.CountDownLatch(1);
        server.on("GET", BLOB_PATH, ex -> {
            if (calls.incrementAndGet() == 1) {
                ex.sendResponseHeaders(200, BLOB.length);
                OutputStream out = ex.getResponseBody();
                out.write(BLOB, 0, BLOB.length / 2);
                out.flush();
                // Then silence until the client has given up on the stalled body and asked again.
                try {
                    retried.await(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            retried.countDown();
            respond(ex, 200, Map.of(), BLOB);
        });
        // A response timeout well above a loaded machine's hiccups; the server stays silent until the retry.
        new RegistryClient(server.host(), options().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .getBlob("app", BLOB_DIGEST, BLOB.length, store);
        assertThat(store.read(BLOB_DIGEST)).isEqualTo(BLOB);
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void anInterruptStopsADownloadAtTheNextReadAndIsNotRetried() {
        byte[] big = TestImages.bytes(7, 8 << 20);
        Digest digest = Digest.sha256(big);
        server.on("GET", "/v2/app/blobs/" + digest, ex -> {
            calls.incrementAndGet();
            respond(ex, 200, Map.of(), big);
        });
        // The interrupt comes from within the download, once its first bytes are in: the thread is
        // then reading, not waiting for the answer's head.
        java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
        BlobProgress interruptMidway = bytes -> {
            received.set(bytes);
            if (bytes > 0) {
                Thread.currentThread().interrupt();
            }
        };
        try {
            assertThatThrownBy(() -> client().getBlob("app", digest, big.length, store, interruptMidway))
                    .isInstanceOf(RegistryException.class).hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(calls.get()).isEqualTo(1);
        assertThat(received.get()).as("bytes read before stopping").isPositive().isLessThan(big.length / 2);
        assertThat(store.exists(digest)).isFalse();
    }

    @Test
    void wrongContentIsNeverStoredAndAskedForAgainOnlyAsThePolicyAllows() throws IOException {
        server.on("GET", BLOB_PATH, ex -> {
            calls.incrementAndGet();
            respond(ex, 200, Map.of(), TestImages.bytes(6, BLOB.length));
        });
        assertThatThrownBy(() -> client().getBlob("app", BLOB_DIGEST, BLOB.length, store))
                .isInstanceOf(RegistryException.class).hasMessageContaining("not stored")
                .hasMessageContaining("app@" + BLOB_DIGEST).hasMessageContaining(server.host());
        assertThat(store.exists(BLOB_DIGEST)).isFalse();
        // The policy's four attempts, then the error.
        assertThat(calls.get()).isEqualTo(4);
    }

    @Test
    void manifestsAreVerifiedAgainstTheDigestAskedForAndTheOneStated() {
        Digest other = Digest.sha256(new byte[] {1});
        server.on("GET", "/v2/app/manifests/" + other, ex ->
                respond(ex, 200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), MANIFEST));
        server.on("GET", "/v2/app/manifests/1", ex -> respond(ex, 200,
                Map.of("Content-Type", MediaTypes.OCI_MANIFEST, "Docker-Content-Digest", other.toString()), MANIFEST));
        assertThatThrownBy(() -> client().getManifest("app", other.toString()))
                .hasMessageContaining(server.host() + "/app@" + other + ": the registry sent content with digest");
        assertThatThrownBy(() -> client().getManifest("app", "1"))
                .hasMessageContaining("the registry said " + other);
    }

    @Test
    void vagueContentTypeIsReadFromTheDocument() {
        server.on("GET", "/v2/app/manifests/1", ex ->
                respond(ex, 200, Map.of("Content-Type", "application/json; charset=utf-8"), MANIFEST));
        assertThat(client().getManifest("app", "1").mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    }

    @Test
    void redirectToStorageCarriesNoRegistryCredentials() throws IOException {
        try (ScriptedRegistry storage = new ScriptedRegistry()) {
            storage.on("GET", "/bucket/blob", ex -> respond(ex, 200, Map.of(), BLOB));
            server.on("GET", BLOB_PATH, ex -> {
                if (ex.getRequestHeaders().getFirst("Authorization") == null) {
                    respond(ex, 401, Map.of("WWW-Authenticate", "Basic realm=\"r\""), "");
                } else {
                    respond(ex, 307, Map.of("Location", "http://" + storage.host() + "/bucket/blob"), "");
                }
            });
            RegistryClient client = new RegistryClient(server.host(),
                    options().withCredentials(r -> Optional.of(Credentials.basic("u", "p"))));
            client.getBlob("app", BLOB_DIGEST, BLOB.length, store);
            assertThat(store.exists(BLOB_DIGEST)).isTrue();
            assertThat(storage.log).containsExactly("GET /bucket/blob auth=-");
        }
    }

    @Test
    void mirrorsAreTriedFirstAndFallenBackFrom() throws IOException {
        try (ScriptedRegistry mirror = new ScriptedRegistry(); ScriptedRegistry broken = new ScriptedRegistry()) {
            mirror.on("GET", "/v2/app/manifests/1", ex ->
                    respond(ex, 200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), MANIFEST));
            broken.on("GET", "/v2/app/manifests/2", ex -> respond(ex, 500, Map.of(), ""));
            server.on("GET", "/v2/app/manifests/2", ex ->
                    respond(ex, 200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), MANIFEST));
            RegistryClient client = new RegistryClient(server.host(), options().withMirrors(server.host(),
                    List.of(URI.create("http://" + broken.host()), URI.create("http://" + mirror.host() + "/"))));
            client.getManifest("app", "1");
            assertThat(server.log).isEmpty();
            client.getManifest("app", "2");
            assertThat(server.count("GET /v2/app/manifests/2")).isEqualTo(1);
            assertThat(mirror.count("GET /v2/app/manifests/2")).isEqualTo(1);
        }
    }

    @Test
    void tlsAndSchemeMismatchesPointAtInsecureRegistry() {
        RegistryException tls = RegistryErrors.forIo("reg.example.com", "reg.example.com/app:1",
                "https://reg.example.com", new SSLHandshakeException("Unsupported or unrecognized SSL message"));
        assertThat(tls.getMessage()).contains("use --insecure-registry reg.example.com");
        assertThat(tls.isRetryable()).isFalse();
        server.on("GET", "/v2/", ex -> respond(ex, 400, Map.of(), "Client sent an HTTP request to an HTTPS server.\n"));
        assertThatThrownBy(() -> client().ping())
                .hasMessageContaining("speaks HTTPS").hasMessageContaining("--insecure-registry " + server.host());
    }

    @Test
    void unreachableRegistryIsNamed() throws IOException {
        String host = server.host();
        server.close();
        assertThatThrownBy(() -> new RegistryClient(host, options()).ping())
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("cannot connect to " + host + " at http://" + host);
    }
}
