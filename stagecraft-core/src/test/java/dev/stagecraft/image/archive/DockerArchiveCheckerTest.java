package dev.stagecraft.image.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.image.TestImages;
import dev.stagecraft.image.TestImages.Compression;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skopeo must read the docker-archives stagecraft writes, and stagecraft those skopeo writes. */
class DockerArchiveCheckerTest {
    @TempDir
    Path tmp;
    ContentStore store;
    TestImages.Built image;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(TestImages.onPath("skopeo"), "skopeo is not installed");
        store = LocalContentStore.open(tmp.resolve("store"));
        image = TestImages.image(store, Compression.ZSTD, "arm64",
                List.of(Map.of("etc/hello", "hello\n"), Map.of("app/run.sh", "echo hi\n")));
    }

    @Test
    void skopeoInspectsOurArchive() throws Exception {
        Path archive = tmp.resolve("image.tar");
        DockerArchive.write(store, List.of(new ArchiveImage(image.manifest().digest(),
                List.of("example.com/app:1.0"))), archive);
        JsonNode inspect = new ObjectMapper().readTree(
                TestImages.run(tmp, "skopeo", "inspect", "docker-archive:" + archive));
        assertThat(inspect.path("Architecture").asText()).isEqualTo("arm64");
        // Layers in a docker-archive are the uncompressed tars, so their digests are the diff ids.
        assertThat(inspect.path("Layers")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(image.diffIds().stream().map(Digest::toString).toList());
        JsonNode config = new ObjectMapper().readTree(
                TestImages.run(tmp, "skopeo", "inspect", "--config", "docker-archive:" + archive));
        assertThat(config.path("rootfs").path("diff_ids")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(image.diffIds().stream().map(Digest::toString).toList());
    }

    @Test
    void readsWhatSkopeoWrites() throws Exception {
        Path archive = tmp.resolve("ours.tar");
        DockerArchive.write(store, List.of(new ArchiveImage(image.manifest().digest(), List.of())), archive);
        Path copy = tmp.resolve("skopeo.tar");
        TestImages.run(tmp, "skopeo", "copy", "docker-archive:" + archive,
                "docker-archive:" + copy + ":example.com/copied:2");
        List<LoadedImage> loaded = DockerArchive.read(copy, LocalContentStore.open(tmp.resolve("back")));
        assertThat(loaded).singleElement().satisfies(l -> {
            assertThat(l.repoTags()).containsExactly("example.com/copied:2");
            assertThat(l.manifest().manifest().config().parsedDigest())
                    .isEqualTo(image.manifest().manifest().config().parsedDigest());
            assertThat(l.manifest().manifest().layers()).extracting(d -> d.parsedDigest())
                    .containsExactlyElementsOf(image.diffIds());
        });
    }
}
