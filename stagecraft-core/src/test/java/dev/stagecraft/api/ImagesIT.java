package dev.stagecraft.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.archive.Compression;
import dev.stagecraft.archive.LayerWriter;
import dev.stagecraft.archive.WrittenLayer;
import dev.stagecraft.content.BlobWriter;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.content.ReferenceStore;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.Manifest;
import dev.stagecraft.registry.TestRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Images} against a real registry: push, remove, pull back, list, inspect, tag, rmi. */
class ImagesIT {
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

    /** A config and one gzip layer made by {@link LayerWriter}, referenced as {@code name}. */
    private static ImageDocument.OfManifest buildImage(Path root, Path tree, String name) throws IOException {
        LocalContentStore store = LocalContentStore.open(root);
        WrittenLayer layer;
        try (BlobWriter out = store.writer()) {
            layer = LayerWriter.builder().compression(Compression.GZIP).mtime(Instant.parse("2024-01-01T00:00:00Z"))
                    .owner(0, 0).build().write(tree, out);
            out.commit();
        }
        byte[] config = ("{\"created\":\"2024-01-02T03:04:05Z\",\"architecture\":\"amd64\",\"os\":\"linux\","
                + "\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layer.diffId() + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        Digest configDigest = store.write(config);
        ImageDocument.OfManifest manifest = ImageJson.write(Manifest.oci(
                Descriptor.of(MediaTypes.OCI_CONFIG, configDigest, config.length),
                List.of(Descriptor.of(layer.mediaType(), layer.digest(), layer.size()))));
        store.write(manifest.raw());
        ReferenceStore.open(root).put(name, manifest.descriptor());
        return manifest;
    }

    @Test
    void pushRemovePullListInspectTagRemove() throws IOException {
        Path tree = Files.createDirectories(tmp.resolve("tree/etc"));
        Files.writeString(tree.resolve("hostname"), "stagecraft\n");
        String ref = registry.host() + "/test/tiny:1";
        Path root = tmp.resolve("root");
        ImageDocument.OfManifest built = buildImage(root, tmp.resolve("tree"), ref);
        long size = built.manifest().config().size() + built.manifest().layers().get(0).size();

        Images images = Images.open(root, RegistrySettings.defaults()
                .withInsecureRegistries(List.of(registry.host())));
        assertThat(images.push(ref)).isEqualTo(built.digest().toString());

        assertThat(images.remove(ref)).isEqualTo(built.digest().toString());
        assertThat(images.list()).isEmpty();
        assertThatThrownBy(() -> images.inspect(ref)).isInstanceOf(StagecraftException.class)
                .hasMessageContaining("No such image");

        // Pulled into a fresh root, the image is the one pushed, byte for byte.
        Images fresh = Images.open(tmp.resolve("fresh"), RegistrySettings.defaults()
                .withInsecureRegistries(List.of(registry.host())));
        PullSummary pulled = fresh.pull(ref, "linux/amd64");
        assertThat(pulled.reference()).isEqualTo(ref);
        assertThat(pulled.manifest()).isEqualTo(built.digest().toString());
        assertThat(pulled.digest()).isEqualTo(built.digest().toString());
        LocalContentStore freshStore = LocalContentStore.open(tmp.resolve("fresh"));
        assertThat(freshStore.read(built.digest())).isEqualTo(built.raw());
        assertThat(Digest.sha256(freshStore.read(built.manifest().layers().get(0).parsedDigest())).toString())
                .isEqualTo(built.manifest().layers().get(0).digest());

        // And back into the first root, too.
        images.pull(ref, null);
        List<ImageSummary> listed = images.list();
        assertThat(listed).hasSize(1);
        ImageSummary line = listed.get(0);
        assertThat(line.reference()).isEqualTo(ref);
        assertThat(line.repository()).isEqualTo(registry.host() + "/test/tiny");
        assertThat(line.tag()).isEqualTo("1");
        assertThat(line.id()).isEqualTo(built.manifest().config().digest());
        assertThat(line.shortId()).hasSize(12);
        assertThat(line.digest()).isEqualTo(built.digest().toString());
        assertThat(line.size()).isEqualTo(size);
        assertThat(line.created()).isEqualTo("2024-01-02T03:04:05Z");

        ImageDetails details = images.inspect(ref);
        assertThat(details.digest()).isEqualTo(built.digest().toString());
        assertThat(details.manifestJson().getBytes(StandardCharsets.UTF_8)).isEqualTo(built.raw());
        assertThat(details.configJson()).contains("\"created\":\"2024-01-02T03:04:05Z\"");
        assertThat(details.json()).contains("\"Manifest\"", "\"Config\"", built.digest().toString());

        images.tag(ref, "busybox:mine");
        assertThat(images.list()).extracting(ImageSummary::reference)
                .containsExactly(ref, "docker.io/library/busybox:mine");
        assertThat(images.list()).extracting(ImageSummary::repository).contains("busybox");
        assertThat(images.inspect("docker.io/library/busybox:mine").digest()).isEqualTo(built.digest().toString());

        // A pushed tag made by tag() carries the same digest.
        String other = registry.host() + "/test/other:2";
        images.tag("busybox:mine", other);
        assertThat(images.push(other)).isEqualTo(built.digest().toString());
        assertThat(fresh.pull(other, null).manifest()).isEqualTo(built.digest().toString());

        images.remove("busybox:mine");
        images.remove(other);
        assertThat(images.list()).extracting(ImageSummary::reference).containsExactly(ref);
        assertThatThrownBy(() -> images.remove("busybox:mine")).isInstanceOf(StagecraftException.class)
                .hasMessage("No such image: busybox:mine");
    }

    @Test
    void pullOfAMissingImageIsAStagecraftError() {
        Images images = Images.open(tmp.resolve("root"), RegistrySettings.defaults());
        assertThatThrownBy(() -> images.pull(registry.host() + "/test/absent:1", null))
                .isInstanceOf(StagecraftException.class);
        assertThat(images.list()).isEmpty();
    }
}
