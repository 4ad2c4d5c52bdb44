package dev.stagecraft.registry;

import static dev.stagecraft.registry.ScriptedRegistry.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.registry.auth.CredentialProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --insecure-registry} as docker has it: HTTPS first, accepting any certificate, then plain
 * HTTP. The servers listen on a non-loopback address of this machine, since loopback registries
 * are always spoken to over plain HTTP.
 */
class InsecureRegistryTest {
    private static final byte[] BLOB = TestImages.bytes(9, 300_000);
    private static final Digest BLOB_DIGEST = Digest.sha256(BLOB);
    private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
            + "\",\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:" + "c".repeat(64) + "\",\"size\":1},\"layers\":[]}";

    @TempDir
    Path tmp;

    private final List<String> served = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** An IPv4 address of this machine that is not loopback. */
    private static InetAddress nonLoopbackAddress() throws IOException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return a;
                }
            }
        }
        throw new IllegalStateException("this test needs a network interface with a non-loopback IPv4 address");
    }

    private HttpHandler manifest(String scheme) {
        return (HttpExchange ex) -> {
            served.add(scheme + " " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            if (ex.getRequestURI().getPath().equals("/v2/app/manifests/1")) {
                respond(ex, 200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), MANIFEST);
            } else if (ex.getRequestURI().getPath().equals("/v2/app/blobs/" + BLOB_DIGEST)) {
                ex.sendResponseHeaders(200, BLOB.length);
                ex.getResponseBody().write(BLOB);
            } else {
                respond(ex, 200, Map.of("Content-Type", "application/json"), "{}");
            }
            ex.close();
        };
    }

    /** An HTTPS server with a fresh self-signed certificate no CA vouches for. */
    private String startHttps() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "registry", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=untrusted.example", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", tmp.resolve("server.p12").toString(), "-storepass", "changeit")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("keytool.log").toFile()).start();
        assertThat(p.waitFor()).as(Files.readString(tmp.resolve("keytool.log"))).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tmp.resolve("server.p12"))) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(nonLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(context));
        https.createContext("/", manifest("https"));
        https.start();
        server = https;
        return https.getAddress().getAddress().getHostAddress() + ":" + https.getAddress().getPort();
    }

    private String startHttp() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(nonLoopbackAddress(), 0), 0);
        http.createContext("/", manifest("http"));
        http.start();
        server = http;
        return http.getAddress().getAddress().getHostAddress() + ":" + http.getAddress().getPort();
    }

    private static RegistryOptions options() {
        return RegistryOptions.defaults().withCredentials(CredentialProvider.ANONYMOUS)
                .withRetryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void anInsecureRegistryIsSpokenToOverHttpsWhateverItsCertificate() throws Exception {
        String host = startHttps();
        RegistryClient client = new RegistryClient(host, options().withInsecureRegistries(host));
        assertThat(client.getManifest("app", "1").bytes()).asString().isEqualTo(MANIFEST);
        assertThat(client.endpoint().getScheme()).isEqualTo("https");
        assertThat(served).contains("https GET /v2/app/manifests/1");
    }

    @Test
    void anInsecureRegistrysBlobsComeOverHttpsWhateverItsCertificateAndHostName() throws Exception {
        // The certificate is self-signed and names untrusted.example, not the address asked for.
        String host = startHttps();
        RegistryClient client = new RegistryClient(host, options().withInsecureRegistries(host));
        ContentStore store = LocalContentStore.open(tmp.resolve("store"));
        client.getBlob("app", BLOB_DIGEST, BLOB.length, store);
        assertThat(store.read(BLOB_DIGEST)).isEqualTo(BLOB);
        assertThat(served).contains("https GET /v2/app/blobs/" + BLOB_DIGEST);
    }

    @Test
    void aSecureRegistrysBlobsNeedATrustedCertificate() throws Exception {
        String host = startHttps();
        RegistryClient client = new RegistryClient(host, options());
        ContentStore store = LocalContentStore.open(tmp.resolve("store"));
        assertThatThrownBy(() -> client.getBlob("app", BLOB_DIGEST, BLOB.length, store))
                .isInstanceOf(RegistryException.class).hasMessageContaining("TLS")
                .hasMessageContaining("--insecure-registry " + host);
        assertThat(served).isEmpty();
        assertThat(store.exists(BLOB_DIGEST)).isFalse();
    }

    @Test
    void aRegistryNotNamedInsecureMustHaveATrustedCertificate() throws Exception {
        String host = startHttps();
        RegistryClient client = new RegistryClient(host, options());
        assertThatThrownBy(() -> client.getManifest("app", "1")).isInstanceOf(RegistryException.class)
                .hasMessageContaining("TLS").hasMessageContaining("--insecure-registry " + host);
        assertThat(served).isEmpty();
    }

    @Test
    void anInsecureRegistryWithoutHttpsIsSpokenToOverPlainHttp() throws Exception {
        String host = startHttp();
        String hostOnly = host.substring(0, host.indexOf(':'));
        // An entry without a port covers every port of the host.
        RegistryClient client = new RegistryClient(host, options().withInsecureRegistries(hostOnly));
        assertThat(client.getManifest("app", "1").bytes()).asString().isEqualTo(MANIFEST);
        assertThat(client.endpoint().getScheme()).isEqualTo("http");
        assertThat(served).contains("http GET /v2/app/manifests/1");
    }
}
