package dev.stagecraft.image.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.image.TestImages;
import dev.stagecraft.image.TestImages.Compression;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Independent tools must accept the layouts stagecraft writes. Skipped where the tools are absent. */
class OciLayoutCheckerTest {
    @TempDir
    Path tmp;
    ContentStore store;
    TestImages.Built image;

    @BeforeEach
    void setUp() throws Exception {
        store = LocalContentStore.open(tmp.resolve("store"));
        image = TestImages.image(store, Compression.GZIP, "amd64",
                List.of(Map.of("etc/hello", "hello\n"), Map.of("app/run.sh", "echo hi\n", "etc/motd", "welcome\n")));
    }

    @Test
    void umociUnpacksOurLayout() throws Exception {
        assumeTrue(TestImages.onPath("umoci"), "umoci is not installed");
        Path layout = tmp.resolve("layout");
        OciLayout.write(store, image.descriptor(), "v1", layout);
        Path bundle = tmp.resolve("bundle");
        String rootless = isRoot() ? null : "--rootless";
        if (rootless == null) {
            TestImages.run(tmp, "umoci", "unpack", "--image", layout + ":v1", bundle.toString());
        } else {
            TestImages.run(tmp, "umoci", "unpack", rootless, "--image", layout + ":v1", bundle.toString());
        }
        assertThat(bundle.resolve("rootfs/etc/hello")).hasContent("hello\n");
        assertThat(bundle.resolve("rootfs/etc/motd")).hasContent("welcome\n");
        assertThat(bundle.resolve("rootfs/app/run.sh")).hasContent("echo hi\n");
        assertThat(bundle.resolve("config.json")).exists();
    }

    @Test
    void skopeoInspectsOurLayout() throws Exception {
        assumeTrue(TestImages.onPath("skopeo"), "skopeo is not installed");
        Path layout = tmp.resolve("layout");
        OciLayout.write(store, image.descriptor(), "v1", layout);
        assertInspection(TestImages.run(tmp, "skopeo", "inspect", "oci:" + layout + ":v1"));
        String raw = TestImages.run(tmp, "skopeo", "inspect", "--raw", "oci:" + layout + ":v1");
        assertThat(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(image.manifest().raw());
    }

    @Test
    void skopeoInspectsAndCopiesOurArchive() throws Exception {
        assumeTrue(TestImages.onPath("skopeo"), "skopeo is not installed");
        Path archive = tmp.resolve("image.tar");
        OciLayout.writeArchive(store, List.of(new LayoutRef("v1", image.descriptor())), archive);
        assertInspection(TestImages.run(tmp, "skopeo", "inspect", "oci-archive:" + archive + ":v1"));
        Path copy = tmp.resolve("copy");
        TestImages.run(tmp, "skopeo", "copy", "oci-archive:" + archive + ":v1", "oci:" + copy + ":copied");
        // skopeo keeps the manifest bytes, so the copy has our digest, and we can read its layout back.
        List<LayoutRef> refs = OciLayout.read(copy, LocalContentStore.open(tmp.resolve("back")));
        assertThat(refs).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("copied");
            assertThat(r.descriptor().parsedDigest()).isEqualTo(image.manifest().digest());
        });
    }

    private void assertInspection(String json) throws Exception {
        JsonNode inspect = new ObjectMapper().readTree(json);
        assertThat(inspect.path("Digest").asText()).isEqualTo(image.manifest().digest().toString());
        assertThat(inspect.path("Architecture").asText()).isEqualTo("amd64");
        assertThat(inspect.path("Layers")).extracting(JsonNode::asText).containsExactlyElementsOf(
                image.manifest().manifest().layers().stream().map(l -> l.digest()).toList());
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
