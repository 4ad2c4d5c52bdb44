package dev.stagecraft.registry;

import static dev.stagecraft.registry.ScriptedRegistry.respond;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.registry.auth.CredentialProvider;
import dev.stagecraft.registry.auth.TokenCache;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificate-checking TLS context (the CA certificates) is set up only when an HTTPS URL is
 * reached: never for a plain-HTTP registry, once when such a registry redirects to HTTPS storage,
 * at once for an HTTPS registry.
 */
class LazyTlsTest {
    private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
            + "\",\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:" + "d".repeat(64) + "\",\"size\":1},\"layers\":[]}";

    @TempDir
    Path tmp;

    /** Counts the contexts made; each trusts any certificate, so the test's self-signed one passes. */
    private static final class CountingFactory implements TlsContextFactory {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public SSLContext create() {
            calls.incrementAndGet();
            return TlsContexts.trustingAll();
        }
    }

    private static RegistryOptions options() {
        return RegistryOptions.defaults().withCredentials(CredentialProvider.ANONYMOUS);
    }

    @Test
    void plainHttpRegistryNeverAsksForTheTlsContext() throws Exception {
        byte[] blob = "layer".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(blob);
        CountingFactory tls = new CountingFactory();
        try (ScriptedRegistry registry = new ScriptedRegistry()) {
            registry.on("GET", "/v2/app/manifests/1", ex ->
                    respond(ex, 200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), MANIFEST));
            registry.on("GET", "/v2/app/blobs/" + digest, ex -> respond(ex, 200, Map.of(), blob));
            RegistryClient client = new RegistryClient(registry.host(), options(), new TokenCache(), tls);
            LocalContentStore store = LocalContentStore.open(tmp.resolve("store"));

            assertThat(client.getManifest("app", "1").mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
            client.getBlob("app", digest, blob.length, store);

            assertThat(store.read(digest)).isEqualTo(blob);
            assertThat(tls.calls).hasValue(0);
        }
    }

    @Test
    void redirectToHttpsStorageMakesTheContextOnceWhenFirstNeeded() throws Exception {
        byte[] first = "first layer".getBytes(StandardCharsets.UTF_8);
        byte[] second = "second layer".getBytes(StandardCharsets.UTF_8);
        HttpsServer storage = httpsServer();
        storage.createContext("/storage/", ex -> {
            String name = ex.getRequestURI().getPath().substring("/storage/".length());
            respond(ex, 200, Map.of(), name.equals("first") ? first : second);
            ex.close();
        });
        storage.start();
        CountingFactory tls = new CountingFactory();
        try (ScriptedRegistry registry = new ScriptedRegistry()) {
            String storageUrl = "https://127.0.0.1:" + storage.getAddress().getPort() + "/storage/";
            registry.on("GET", "/v2/app/blobs/" + Digest.sha256(first),
                    ex -> respond(ex, 307, Map.of("Location", storageUrl + "first"), new byte[0]));
            registry.on("GET", "/v2/app/blobs/" + Digest.sha256(second),
                    ex -> respond(ex, 307, Map.of("Location", storageUrl + "second"), new byte[0]));
            RegistryClient client = new RegistryClient(registry.host(), options(), new TokenCache(), tls);
            LocalContentStore store = LocalContentStore.open(tmp.resolve("store"));
            assertThat(tls.calls).hasValue(0);

            client.getBlob("app", Digest.sha256(first), first.length, store);
            client.getBlob("app", Digest.sha256(second), second.length, store);

            assertThat(store.read(Digest.sha256(first))).isEqualTo(first);
            assertThat(store.read(Digest.sha256(second))).isEqualTo(second);
            assertThat(tls.calls).hasValue(1);
        } finally {
            storage.stop(0);
        }
    }

    @Test
    void httpsRegistryMakesTheContextUpFront() {
        CountingFactory tls = new CountingFactory();
        new RegistryClient("registry.example.com", options(), new TokenCache(), tls);
        assertThat(tls.calls).hasValue(1);
    }

    @Test
    void plainHttpClientRefusesTls() {
        SSLContext none = TlsContexts.none();
        org.assertj.core.api.Assertions.assertThatThrownBy(none::createSSLEngine)
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("plain HTTP only");
    }

    /** An HTTPS server on loopback with a self-signed certificate made by the JDK's keytool. */
    private HttpsServer httpsServer() throws Exception {
        Path keystore = tmp.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keyalg", "RSA", "-keysize", "2048",
                "-alias", "server", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("keytool.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("keytool.log"))).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return server;
    }
}
