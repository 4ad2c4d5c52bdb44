package dev.stagecraft.image.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.DigestMismatchException;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.image.ImageFormatException;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.ImageWalk;
import dev.stagecraft.image.Index;
import dev.stagecraft.image.TestImages;
import dev.stagecraft.image.TestImages.Compression;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {
    @TempDir
    Path tmp;
    ContentStore source;
    ContentStore target;
    TestImages.Built image;

    @BeforeEach
    void setUp() throws IOException {
        source = LocalContentStore.open(tmp.resolve("source"));
        target = LocalContentStore.open(tmp.resolve("target"));
        image = TestImages.image(source, Compression.GZIP, "amd64",
                List.of(Map.of("etc/hello", "hello\n"), Map.of("app/run.sh", "#!/bin/sh\necho hi\n")));
    }

    @Test
    void writesTheLayoutFiles() throws IOException {
        Path layout = tmp.resolve("layout");
        OciLayout.write(source, image.descriptor(), "v1", layout);
        assertThat(layout.resolve("oci-layout")).hasContent("{\"imageLayoutVersion\":\"1.0.0\"}");
        String index = Files.readString(layout.resolve("index.json"));
        assertThat(index).contains("\"" + OciLayout.REF_NAME + "\":\"v1\"")
                .contains(image.manifest().digest().toString());
        for (Descriptor blob : ImageWalk.blobs(source, image.descriptor())) {
            assertThat(layout.resolve("blobs/sha256/" + blob.parsedDigest().hex()))
                    .hasBinaryContent(source.read(blob.parsedDigest()));
        }
    }

    @Test
    void directoryRoundTrip() throws IOException {
        Path layout = tmp.resolve("layout");
        OciLayout.write(source, image.descriptor(), "v1", layout);
        List<LayoutRef> refs = OciLayout.read(layout, target);
        assertThat(refs).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("v1");
            assertThat(r.descriptor().parsedDigest()).isEqualTo(image.manifest().digest());
            assertThat(r.descriptor().mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        });
        assertStoredAlike();
        assertThat(OciLayout.refs(layout)).isEqualTo(refs);
    }

    @Test
    void archiveRoundTrip() throws IOException {
        Path archive = tmp.resolve("image.tar");
        OciLayout.writeArchive(source, List.of(new LayoutRef("latest", image.descriptor())), archive);
        List<LayoutRef> refs = OciLayout.read(archive, target);
        assertThat(refs).extracting(LayoutRef::name).containsExactly("latest");
        assertStoredAlike();
        assertThat(OciLayout.refs(archive)).isEqualTo(refs);
    }

    @Test
    void archivesAreReproducible() throws IOException {
        Path a = tmp.resolve("a.tar");
        Path b = tmp.resolve("b.tar");
        OciLayout.writeArchive(source, List.of(new LayoutRef("latest", image.descriptor())), a);
        OciLayout.writeArchive(source, List.of(new LayoutRef("latest", image.descriptor())), b);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void multiPlatformIndexRoundTrip() throws IOException {
        TestImages.Built arm = TestImages.image(source, Compression.ZSTD, "arm64", List.of(Map.of("a", "arm")));
        Descriptor amdEntry = withPlatform(image.descriptor(), "amd64");
        Descriptor armEntry = withPlatform(arm.descriptor(), "arm64");
        var index = ImageJson.write(Index.oci(List.of(amdEntry, armEntry)));
        source.write(index.raw());
        Path layout = tmp.resolve("layout");
        OciLayout.write(source, index.descriptor(), "multi", layout);
        List<LayoutRef> refs = OciLayout.read(layout, target);
        assertThat(refs.get(0).descriptor().mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(ImageWalk.blobs(target, index.descriptor())).hasSize(8);
    }

    @Test
    void addsToAnExistingLayoutAndReplacesASameNamedRef() throws IOException {
        TestImages.Built other = TestImages.image(source, Compression.NONE, "amd64", List.of(Map.of("b", "b")));
        Path layout = tmp.resolve("layout");
        OciLayout.write(source, image.descriptor(), "v1", layout);
        OciLayout.write(source, other.descriptor(), "v2", layout);
        OciLayout.write(source, other.descriptor(), "v1", layout);
        List<LayoutRef> refs = OciLayout.refs(layout);
        assertThat(refs).extracting(LayoutRef::name).containsExactly("v2", "v1");
        assertThat(refs).allSatisfy(r -> assertThat(r.descriptor().parsedDigest())
                .isEqualTo(other.manifest().digest()));
    }

    @Test
    void refusesToWriteIntoAnUnrelatedDirectory() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(dir.resolve("cat.jpg"), "meow");
        assertThatThrownBy(() -> OciLayout.write(source, image.descriptor(), "v1", dir))
                .isInstanceOf(ImageFormatException.class);
    }

    @Test
    void rejectsATamperedBlob() throws IOException {
        Path layout = tmp.resolve("layout");
        OciLayout.write(source, image.descriptor(), "v1", layout);
        Path layer = layout.resolve("blobs/sha256/" + image.manifest().manifest().layers().get(1).parsedDigest().hex());
        byte[] bytes = Files.readAllBytes(layer);
        bytes[bytes.length / 2] ^= 1;
        Files.write(layer, bytes);
        assertThatThrownBy(() -> OciLayout.read(layout, target)).isInstanceOf(DigestMismatchException.class);
        assertThat(target.exists(image.manifest().manifest().layers().get(1).parsedDigest())).isFalse();
    }

    @Test
    void rejectsALayoutWithAMissingBlob() throws IOException {
        Path layout = tmp.resolve("layout");
        OciLayout.write(source, image.descriptor(), "v1", layout);
        Files.delete(layout.resolve("blobs/sha256/" + image.manifest().manifest().config().parsedDigest().hex()));
        assertThatThrownBy(() -> OciLayout.read(layout, target)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void rejectsAnArchiveWithoutIndex() throws IOException {
        Path archive = tmp.resolve("bad.tar");
        try (var tar = dev.stagecraft.image.ImageTar.open(Files.newOutputStream(archive))) {
            dev.stagecraft.image.ImageTar.file(tar, "oci-layout",
                    "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> OciLayout.read(archive, target)).isInstanceOf(ImageFormatException.class);
    }

    private void assertStoredAlike() throws IOException {
        for (Descriptor blob : ImageWalk.blobs(source, image.descriptor())) {
            assertThat(target.read(blob.parsedDigest())).isEqualTo(source.read(blob.parsedDigest()));
        }
    }

    private static Descriptor withPlatform(Descriptor d, String arch) {
        return new Descriptor(d.mediaType(), d.digest(), d.size(), null, null,
                new Descriptor.PlatformSpec(arch, "linux", null, null, null));
    }
}
