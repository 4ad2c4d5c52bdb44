package dev.stagecraft.image.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.DigestMismatchException;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.image.ImageFormatException;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.ImageTar;
import dev.stagecraft.image.Index;
import dev.stagecraft.image.TestImages;
import dev.stagecraft.image.TestImages.Compression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerArchiveTest {
    @TempDir
    Path tmp;
    ContentStore source;
    ContentStore target;

    @BeforeEach
    void setUp() throws IOException {
        source = LocalContentStore.open(tmp.resolve("source"));
        target = LocalContentStore.open(tmp.resolve("target"));
    }

    @Test
    void writesDockerSaveLayout() throws IOException {
        TestImages.Built image = TestImages.image(source, Compression.GZIP, "amd64",
                List.of(Map.of("etc/hello", "hello\n"), Map.of("bin/app", "app\n")));
        Path archive = tmp.resolve("image.tar");
        DockerArchive.write(source, List.of(new ArchiveImage(image.manifest().digest(),
                List.of("example.com/app:1.0"))), archive);
        Map<String, byte[]> files = entries(archive);
        String configHex = image.manifest().manifest().config().parsedDigest().hex();
        String top = image.diffIds().get(1).hex();
        assertThat(files.keySet()).containsExactlyInAnyOrder(
                image.diffIds().get(0).hex() + "/", image.diffIds().get(0).hex() + "/layer.tar",
                top + "/", top + "/layer.tar", configHex + ".json", "manifest.json", "repositories");
        assertThat(Digest.sha256(files.get(top + "/layer.tar"))).isEqualTo(image.diffIds().get(1));
        assertThat(files.get(configHex + ".json")).isEqualTo(image.config());
        JsonNode manifest = new ObjectMapper().readTree(files.get("manifest.json"));
        assertThat(manifest.get(0).path("Config").asText()).isEqualTo(configHex + ".json");
        assertThat(manifest.get(0).path("RepoTags").get(0).asText()).isEqualTo("example.com/app:1.0");
        assertThat(manifest.get(0).path("Layers").get(1).asText()).isEqualTo(top + "/layer.tar");
        assertThat(new String(files.get("repositories"), StandardCharsets.UTF_8))
                .isEqualTo("{\"example.com/app\":{\"1.0\":\"" + top + "\"}}");
    }

    @Test
    void roundTripGivesTheManifestWriteComputed() throws IOException {
        TestImages.Built gzip = TestImages.image(source, Compression.GZIP, "amd64",
                List.of(Map.of("shared", "base\n"), Map.of("one", "1\n")));
        TestImages.Built zstd = TestImages.image(source, Compression.ZSTD, "amd64",
                List.of(Map.of("shared", "base\n"), Map.of("two", "2\n")));
        Path archive = tmp.resolve("images.tar");
        List<LoadedImage> written = DockerArchive.write(source, List.of(
                new ArchiveImage(gzip.manifest().digest(), List.of("app:one", "app:latest")),
                new ArchiveImage(zstd.manifest().digest(), List.of())), archive);
        List<LoadedImage> read = DockerArchive.read(archive, target);
        assertThat(read).isEqualTo(written);
        assertThat(read.get(0).repoTags()).containsExactly("app:one", "app:latest");
        // The shared base layer is stored once in the archive and referenced twice.
        assertThat(entries(archive).keySet().stream().filter(n -> n.endsWith("layer.tar"))).hasSize(3);
        for (int i = 0; i < 2; i++) {
            TestImages.Built original = i == 0 ? gzip : zstd;
            var manifest = read.get(i).manifest().manifest();
            assertThat(manifest.config()).isEqualTo(original.manifest().manifest().config());
            assertThat(manifest.layers()).extracting(Descriptor::parsedDigest).isEqualTo(original.diffIds());
            assertThat(manifest.layers()).extracting(Descriptor::mediaType).containsOnly(MediaTypes.OCI_LAYER);
            assertThat(target.read(read.get(i).manifest().digest())).isEqualTo(read.get(i).manifest().raw());
            for (Descriptor layer : manifest.layers()) {
                assertThat(target.size(layer.parsedDigest())).contains(layer.size());
            }
        }
    }

    @Test
    void readsWhatDockerSaveWrites() throws IOException {
        // docker save puts manifest.json last, links a repeated layer to its first copy, and
        // docker load accepts compressed layers; all three at once.
        byte[] layer = TestImages.layerTar(Map.of("etc/os-release", "ID=test\n"));
        Digest diffId = Digest.sha256(layer);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\"" + diffId + "\",\"" + diffId + "\"]}}").getBytes(StandardCharsets.UTF_8);
        String configName = Digest.sha256(config).hex() + ".json";
        Path archive = tmp.resolve("saved.tar");
        try (TarArchiveOutputStream tar = ImageTar.open(Files.newOutputStream(archive))) {
            ImageTar.directory(tar, "aaa");
            ImageTar.file(tar, "aaa/layer.tar", gzip(layer));
            ImageTar.directory(tar, "bbb");
            TarArchiveEntry link = new TarArchiveEntry("bbb/layer.tar", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("../aaa/layer.tar");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            ImageTar.file(tar, configName, config);
            ImageTar.file(tar, "manifest.json", ("[{\"Config\":\"" + configName + "\",\"RepoTags\":null,"
                    + "\"Layers\":[\"aaa/layer.tar\",\"bbb/layer.tar\"]}]").getBytes(StandardCharsets.UTF_8));
        }
        List<LoadedImage> read = DockerArchive.read(archive, target);
        assertThat(read).singleElement().satisfies(image -> {
            assertThat(image.repoTags()).isEmpty();
            assertThat(image.manifest().manifest().layers()).extracting(Descriptor::parsedDigest)
                    .containsExactly(diffId, diffId);
            assertThat(image.manifest().manifest().layers().get(0).size()).isEqualTo(layer.length);
        });
        assertThat(target.read(diffId)).isEqualTo(layer);
    }

    @Test
    void rejectsALayerThatIsNotItsDiffId() throws IOException {
        TestImages.Built image = TestImages.image(source, Compression.NONE, "amd64", List.of(Map.of("a", "a")));
        Path archive = tmp.resolve("image.tar");
        DockerArchive.write(source, List.of(new ArchiveImage(image.manifest().digest(), List.of())), archive);
        Map<String, byte[]> files = entries(archive);
        String layerName = image.diffIds().get(0).hex() + "/layer.tar";
        files.put(layerName, TestImages.layerTar(Map.of("a", "tampered")));
        Path tampered = tmp.resolve("tampered.tar");
        try (TarArchiveOutputStream tar = ImageTar.open(Files.newOutputStream(tampered))) {
            for (var f : files.entrySet()) {
                if (!f.getKey().endsWith("/")) {
                    ImageTar.file(tar, f.getKey(), f.getValue());
                }
            }
        }
        assertThatThrownBy(() -> DockerArchive.read(tampered, target)).isInstanceOf(DigestMismatchException.class);
    }

    @Test
    void refusesAnIndexAndAConfigThatDoesNotMatch() throws IOException {
        TestImages.Built image = TestImages.image(source, Compression.GZIP, "amd64", List.of(Map.of("a", "a")));
        var index = ImageJson.write(Index.oci(List.of(image.descriptor())));
        source.write(index.raw());
        OutputStream sink = new ByteArrayOutputStream();
        assertThatThrownBy(() -> DockerArchive.write(source,
                List.of(new ArchiveImage(index.digest(), List.of())), sink))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("select one");
        assertThatThrownBy(() -> DockerArchive.read(tmp.resolve("missing.tar"), target))
                .isInstanceOf(IOException.class);
    }

    @Test
    void rejectsAnArchiveWithoutManifest() throws IOException {
        Path archive = tmp.resolve("empty.tar");
        try (TarArchiveOutputStream tar = ImageTar.open(Files.newOutputStream(archive))) {
            ImageTar.file(tar, "repositories", "{}".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> DockerArchive.read(archive, target)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("manifest.json");
    }

    @Test
    void resolvesLinkTargets() {
        assertThat(DockerArchiveReader.resolve("bbb", "../aaa/layer.tar")).isEqualTo("aaa/layer.tar");
        assertThat(DockerArchiveReader.resolve("", "./x/../y")).isEqualTo("y");
        assertThat(DockerArchiveReader.resolve("a", "../../../etc/passwd")).isEqualTo("etc/passwd");
    }

    static Map<String, byte[]> entries(Path archive) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (var tar = ImageTar.read(Files.newInputStream(archive))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                out.put(e.getName(), tar.readAllBytes());
            }
        }
        return out;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
