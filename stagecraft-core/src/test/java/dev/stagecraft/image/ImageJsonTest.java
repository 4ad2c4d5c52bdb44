package dev.stagecraft.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ImageJsonTest {
    static byte[] sample(String name) throws IOException {
        try (InputStream in = ImageJsonTest.class.getResourceAsStream("/image/" + name)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-manifest-list.json", "docker-manifest.json", "oci-index.json", "oci-manifest.json"})
    void keepsTheBytesItWasReadFrom(String name) throws IOException {
        byte[] raw = sample(name);
        ImageDocument doc = ImageJson.parseManifestOrIndex(raw, null);
        assertThat(doc.raw()).isEqualTo(raw);
        assertThat(doc.digest()).isEqualTo(Digest.sha256(raw));
        assertThat(doc.size()).isEqualTo(raw.length);
    }

    @Test
    void readsADockerManifestList() throws IOException {
        ImageDocument doc = ImageJson.parseManifestOrIndex(sample("docker-manifest-list.json"), null);
        assertThat(doc).isInstanceOf(ImageDocument.OfIndex.class);
        Index index = ((ImageDocument.OfIndex) doc).index();
        assertThat(doc.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
        assertThat(index.isDocker()).isTrue();
        assertThat(index.manifests()).hasSize(7);
        assertThat(index.manifests().get(1).platform().variant()).isEqualTo("v6");
    }

    @Test
    void readsAnOciManifestWithAnnotations() throws IOException {
        ImageDocument doc = ImageJson.parseManifestOrIndex(sample("oci-manifest.json"), MediaTypes.OCI_MANIFEST);
        Manifest m = ((ImageDocument.OfManifest) doc).manifest();
        assertThat(m.config().mediaType()).isEqualTo(MediaTypes.OCI_CONFIG);
        assertThat(m.layers()).extracting(Descriptor::size).containsExactly(29126484L, 93L);
        assertThat(m.layers().get(1).annotations()).containsEntry("buildkit/rewritten-timestamp", "0");
        assertThat(m.annotations()).containsKey("org.opencontainers.image.source");
    }

    @Test
    void writingIsCanonicalAndStable() throws IOException {
        Manifest m = ((ImageDocument.OfManifest) ImageJson.parseManifestOrIndex(sample("oci-manifest.json"), null))
                .manifest();
        ImageDocument written = ImageJson.write(m);
        String json = new String(written.raw(), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":");
        // Annotations come out sorted, so two equal manifests always have one digest.
        assertThat(json).endsWith("\"annotations\":{\"org.opencontainers.image.base.name\":"
                + "\"docker.io/library/debian:bookworm\",\"org.opencontainers.image.source\":"
                + "\"https://github.com/example/app\"}}");
        ImageDocument reread = ImageJson.parseManifestOrIndex(written.raw(), null);
        assertThat(ImageJson.write(((ImageDocument.OfManifest) reread).manifest()).raw()).isEqualTo(written.raw());
    }

    @Test
    void writesIndexes() {
        Descriptor entry = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.sha256(new byte[1]).toString(), 10,
                null, null, new Descriptor.PlatformSpec("arm", "linux", null, null, "v7"));
        ImageDocument.OfIndex doc = ImageJson.write(Index.oci(List.of(entry)));
        assertThat(new String(doc.raw(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":"
                + "[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
                + entry.digest() + "\",\"size\":10,\"platform\":{\"architecture\":\"arm\",\"os\":\"linux\","
                + "\"variant\":\"v7\"}}]}");
    }

    @Test
    void convertsBetweenDockerAndOciMediaTypes() throws IOException {
        Manifest docker = ((ImageDocument.OfManifest) ImageJson.parseManifestOrIndex(sample("docker-manifest.json"),
                null)).manifest();
        Manifest oci = docker.asOciMediaTypes();
        assertThat(oci.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(oci.config().mediaType()).isEqualTo(MediaTypes.OCI_CONFIG);
        assertThat(oci.layers().get(0).mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
        assertThat(oci.layers().get(0).digest()).isEqualTo(docker.layers().get(0).digest());
        assertThat(oci.asDockerMediaTypes()).isEqualTo(docker);
    }

    @Test
    void zstdLayersHaveNoDockerForm() throws IOException {
        Manifest m = ((ImageDocument.OfManifest) ImageJson.parseManifestOrIndex(sample("oci-manifest.json"), null))
                .manifest();
        assertThatThrownBy(m::asDockerMediaTypes).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("zstd");
    }

    @Test
    void infersTheKindWithoutAMediaType() {
        byte[] index = "{\"schemaVersion\":2,\"manifests\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThat(ImageJson.parseManifestOrIndex(index, null).mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        String d = Digest.sha256(new byte[0]).toString();
        byte[] manifest = ("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"" + MediaTypes.OCI_CONFIG
                + "\",\"digest\":\"" + d + "\",\"size\":2},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
        assertThat(ImageJson.parseManifestOrIndex(manifest, MediaTypes.DOCKER_MANIFEST).mediaType())
                .isEqualTo(MediaTypes.DOCKER_MANIFEST);
    }

    @Test
    void rejectsAnIndexServedAsAManifest() throws IOException {
        assertThatThrownBy(() -> ImageJson.parseManifestOrIndex(sample("oci-index.json"), MediaTypes.OCI_MANIFEST))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("was served as");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{\"schemaVersion\":1,\"fsLayers\":[]}", "{\"schemaVersion\":2}x",
        "{\"schemaVersion\":2,\"layers\":[]}", "{\"schemaVersion\":3,\"manifests\":[]}",
        "{\"schemaVersion\":2,\"manifests\":[null]}"})
    void rejectsMalformedDocuments(String json) {
        assertThatThrownBy(() -> ImageJson.parseManifestOrIndex(json.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(ImageFormatException.class);
    }

    @Test
    void documentsCompareByBytes() {
        ImageDocument a = ImageJson.write(Index.oci(List.of()));
        ImageDocument b = ImageJson.write(Index.oci(List.of()));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(ImageJson.write(new Index(2, MediaTypes.OCI_INDEX, null, List.of(), null, Map.of("a", "b"))))
                .isNotEqualTo(a);
    }
}
