package dev.stagecraft.registry;

import static dev.stagecraft.registry.ScriptedRegistry.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.registry.auth.CredentialProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS with a private CA: a registry mirror served over HTTPS with a self-signed certificate (made
 * by openssl) is trusted only when its certificate is given as the extra CA file.
 */
class ExtraCaTest {
    private static final byte[] BLOB = TestImages.bytes(8, 200_000);
    private static final Digest BLOB_DIGEST = Digest.sha256(BLOB);
    private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
            + "\",\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:" + "b".repeat(64) + "\",\"size\":1},\"layers\":[]}";

    @TempDir
    Path tmp;

    private void run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("openssl.log").toFile()).start();
        } catch (IOException e) {
            assumeTrue(false, "openssl is not installed");
            return;
        }
        assertThat(p.waitFor()).as(Files.readString(tmp.resolve("openssl.log"))).isZero();
    }

    private HttpsServer httpsServer() throws Exception {
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", "key.pem", "-out", "cert.pem");
        run("openssl", "pkcs12", "-export", "-in", "cert.pem", "-inkey", "key.pem", "-out", "server.p12",
                "-passout", "pass:changeit");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tmp.resolve("server.p12"))) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/v2/app/manifests/1", ex -> {
            respond(ex, 200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), MANIFEST);
            ex.close();
        });
        server.createContext("/v2/app/blobs/" + BLOB_DIGEST, ex -> {
            ex.sendResponseHeaders(200, BLOB.length);
            ex.getResponseBody().write(BLOB);
            ex.close();
        });
        server.start();
        return server;
    }

    @Test
    void mirrorWithPrivateCaIsTrustedOnlyWithTheCaFile() throws Exception {
        HttpsServer mirror = httpsServer();
        try (ScriptedRegistry origin = new ScriptedRegistry()) {
            origin.on("GET", "/v2/app/manifests/1", ex ->
                    respond(ex, 200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), MANIFEST));
            URI mirrorUri = URI.create("https://127.0.0.1:" + mirror.getAddress().getPort());
            RegistryOptions options = RegistryOptions.defaults().withCredentials(CredentialProvider.ANONYMOUS)
                    .withRetryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)))
                    .withMirrors(origin.host(), List.of(mirrorUri));

            new RegistryClient(origin.host(), options.withExtraCaFile(tmp.resolve("cert.pem"))).getManifest("app", "1");
            assertThat(origin.log).isEmpty();

            // Without the CA the mirror's certificate is refused, and the origin answers instead.
            new RegistryClient(origin.host(), options).getManifest("app", "1");
            assertThat(origin.log).hasSize(1);
        } finally {
            mirror.stop(0);
        }
    }

    @Test
    void blobsComeFromTheMirrorOverHttpsCheckedAgainstTheCaFile() throws Exception {
        HttpsServer mirror = httpsServer();
        try (ScriptedRegistry origin = new ScriptedRegistry()) {
            origin.on("GET", "/v2/app/blobs/" + BLOB_DIGEST, ex -> respond(ex, 200, Map.of(), BLOB));
            URI mirrorUri = URI.create("https://127.0.0.1:" + mirror.getAddress().getPort());
            RegistryOptions options = RegistryOptions.defaults().withCredentials(CredentialProvider.ANONYMOUS)
                    .withRetryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)))
                    .withMirrors(origin.host(), List.of(mirrorUri));

            ContentStore trusting = LocalContentStore.open(tmp.resolve("trusting"));
            new RegistryClient(origin.host(), options.withExtraCaFile(tmp.resolve("cert.pem")))
                    .getBlob("app", BLOB_DIGEST, BLOB.length, trusting);
            assertThat(trusting.read(BLOB_DIGEST)).isEqualTo(BLOB);
            assertThat(origin.log).isEmpty();

            // Without the CA the mirror's certificate is refused, and the origin serves the blob.
            ContentStore plain = LocalContentStore.open(tmp.resolve("plain"));
            new RegistryClient(origin.host(), options).getBlob("app", BLOB_DIGEST, BLOB.length, plain);
            assertThat(plain.read(BLOB_DIGEST)).isEqualTo(BLOB);
            assertThat(origin.log).hasSize(1);
        } finally {
            mirror.stop(0);
        }
    }

    @Test
    void caFileWithoutCertificatesIsRefused() throws IOException {
        Files.writeString(tmp.resolve("empty.pem"), "not a certificate\n");
        assertThatThrownBy(() -> new RegistryClient("reg.example.com",
                RegistryOptions.defaults().withExtraCaFile(tmp.resolve("empty.pem"))))
                .isInstanceOf(RegistryException.class).hasMessageContaining("empty.pem");
    }
}
