package dev.stagecraft.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.transfer.Puller;
import dev.stagecraft.image.transfer.Pusher;
import dev.stagecraft.image.transfer.PullResult;
import dev.stagecraft.reference.ImageReference;
import dev.stagecraft.registry.auth.Challenge;
import dev.stagecraft.registry.auth.CredentialProvider;
import dev.stagecraft.registry.auth.Credentials;
import dev.stagecraft.registry.auth.DockerConfigCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real registry behind htpasswd Basic auth. */
class RegistryAuthIT {
    private static TestRegistry registry;
    private static ExecutorService pool;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = TestRegistry.start(true);
        pool = Executors.newFixedThreadPool(2);
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

    private static Registries registries(CredentialProvider credentials) {
        return new Registries(RegistryOptions.defaults().withCredentials(credentials)
                .withRetryPolicy(new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(50))));
    }

    @Test
    void withoutCredentialsThePingSaysToLogIn() {
        RegistryClient client = registries(CredentialProvider.ANONYMOUS).client(registry.host());
        assertThatThrownBy(client::ping)
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("authentication required by " + registry.host())
                .hasMessageEndingWith("run: stagecraft login " + registry.host())
                .satisfies(e -> assertThat(((RegistryException) e).status()).isEqualTo(401));
    }

    @Test
    void basicCredentialsAreSentAfterTheChallenge() {
        RegistryClient client = registries(r -> Optional.of(Credentials.basic(TestRegistry.USER, TestRegistry.PASSWORD)))
                .client(registry.host());
        assertThat(client.ping()).hasValueSatisfying(c -> {
            assertThat(c.isBasic()).isTrue();
            assertThat(c.param("realm")).hasValue("stagecraft-test");
        });
        assertThat(client.ping()).map(Challenge::scheme).hasValue("basic");
    }

    @Test
    void wrongPasswordIsRefusedWithTheLoginHint() {
        RegistryClient client = registries(r -> Optional.of(Credentials.basic(TestRegistry.USER, "wrong")))
                .client(registry.host());
        assertThatThrownBy(client::ping).isInstanceOf(RegistryException.class)
                .hasMessageContaining("the stored credentials were refused")
                .hasMessageContaining("run: stagecraft login " + registry.host());
    }

    @Test
    void dockerConfigAuthsAllowPushAndPull() throws IOException {
        String auth = Base64.getEncoder().encodeToString(
                (TestRegistry.USER + ":" + TestRegistry.PASSWORD).getBytes(StandardCharsets.UTF_8));
        Files.writeString(tmp.resolve("config.json"),
                "{\"auths\":{\"http://" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");
        Registries registries = registries(new DockerConfigCredentials(tmp.resolve("config.json"), List.of()));
        ContentStore source = LocalContentStore.open(tmp.resolve("source"));
        ContentStore target = LocalContentStore.open(tmp.resolve("target"));
        ImageDocument.OfManifest image = TestImages.image(source, "amd64", 99);
        ImageReference ref = ImageReference.parse(registry.host() + "/private/app:1");
        new Pusher(registries, source, pool).push(ref, image.descriptor());
        PullResult pulled = new Puller(registries, target, pool).pull(ref);
        assertThat(pulled.manifest().digest()).isEqualTo(image.digest().toString());

        assertThatThrownBy(() -> new Puller(registries(CredentialProvider.ANONYMOUS), target, pool).pull(ref))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("run: stagecraft login " + registry.host());
    }

    @Test
    void credentialHelperIsAskedThroughItsProtocol() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path helper = bin.resolve("docker-credential-stagecrafttest");
        Path asked = tmp.resolve("asked");
        Files.writeString(helper, """
                #!/bin/sh
                [ "$1" = get ] || exit 2
                read -r server
                echo "$server" > %s
                printf '{"ServerURL":"%%s","Username":"%s","Secret":"%s"}' "$server"
                """.formatted(asked, TestRegistry.USER, TestRegistry.PASSWORD));
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(tmp.resolve("config.json"), "{\"credsStore\":\"stagecrafttest\"}");
        Registries registries = registries(new DockerConfigCredentials(tmp.resolve("config.json"), List.of(bin)));
        assertThat(registries.client(registry.host()).ping()).isPresent();
        assertThat(Files.readString(asked).trim()).isEqualTo(registry.host());
    }

    @Test
    void loginStoreIsReadBack() throws IOException {
        DockerConfigCredentials config = new DockerConfigCredentials(tmp.resolve("d/config.json"), List.of());
        config.store(registry.host(), Credentials.basic(TestRegistry.USER, TestRegistry.PASSWORD));
        assertThat(registries(config).client(registry.host()).ping()).isPresent();
    }
}
