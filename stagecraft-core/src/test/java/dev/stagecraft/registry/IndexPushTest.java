package dev.stagecraft.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.transfer.Pusher;
import dev.stagecraft.reference.ImageReference;
import dev.stagecraft.registry.auth.CredentialProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push checks that the store has everything it is to send before it sends anything: an index
 * whose platform manifest was never pulled fails naming that manifest, and nothing reaches the
 * registry (a scripted one, which would log any request).
 */
class IndexPushTest {
    @TempDir
    Path tmp;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void anIndexWhosePlatformManifestIsNotStoredFailsNamingItBeforeAnyRequest() throws IOException {
        LocalContentStore store = LocalContentStore.open(tmp);
        ImageDocument.OfManifest amd64 = TestImages.image(store, "amd64", 1);
        ImageDocument.OfManifest arm64 = TestImages.image(store, "arm64", 2);
        ImageDocument.OfIndex index = TestImages.index(store, List.of(amd64, arm64), List.of("amd64", "arm64"));
        store.delete(arm64.digest());
        try (ScriptedRegistry registry = new ScriptedRegistry()) {
            Registries registries = new Registries(RegistryOptions.defaults()
                    .withCredentials(CredentialProvider.ANONYMOUS));
            ImageReference target = ImageReference.parse(registry.host() + "/multi/app:1");
            assertThatThrownBy(() -> new Pusher(registries, store, pool).push(target, index.descriptor()))
                    .isInstanceOf(StagecraftException.class)
                    .hasMessageContaining(arm64.digest().toString())
                    .hasMessageContaining("linux/arm64")
                    .hasMessageContaining("not in the local store")
                    .hasMessageContaining("pull the image with all its platforms");
            org.assertj.core.api.Assertions.assertThat(registry.log).isEmpty();
        }
    }

    @Test
    void aManifestWhoseLayerIsNotStoredFailsNamingTheLayerBeforeAnyRequest() throws IOException {
        LocalContentStore store = LocalContentStore.open(tmp);
        ImageDocument.OfManifest image = TestImages.image(store, "amd64", 3);
        String layer = image.manifest().layers().get(1).digest();
        store.delete(image.manifest().layers().get(1).parsedDigest());
        try (ScriptedRegistry registry = new ScriptedRegistry()) {
            Registries registries = new Registries(RegistryOptions.defaults()
                    .withCredentials(CredentialProvider.ANONYMOUS));
            ImageReference target = ImageReference.parse(registry.host() + "/single/app:1");
            assertThatThrownBy(() -> new Pusher(registries, store, pool).push(target, image.descriptor()))
                    .isInstanceOf(StagecraftException.class)
                    .hasMessageContaining(layer)
                    .hasMessageContaining("not in the local store");
            org.assertj.core.api.Assertions.assertThat(registry.log).isEmpty();
        }
    }
}
