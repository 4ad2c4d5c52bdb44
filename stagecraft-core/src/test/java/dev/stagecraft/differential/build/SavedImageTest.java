package dev.stagecraft.differential.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedImageTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheConfigAsStoredAndFollowsALayerDockerSaveLinkedToAnother() throws IOException {
        byte[] layer = new TarBuilder().file("a", "a\n").bytes();
        Path archive = new TarBuilder().dir("./", 0755)
                .file("manifest.json", "[{\"Config\":\"c0ffee.json\",\"Layers\":[\"l0/layer.tar\",\"l1/layer.tar\"]}]")
                .file("c0ffee.json", "{\"os\":\"linux\"}")
                .dir("l0", 0755).file("l0/layer.tar", layer)
                .dir("l1", 0755).symlink("l1/layer.tar", "../l0/layer.tar")
                .write(tmp.resolve("image.tar"));
        SavedImage image = SavedImage.read(archive, tmp.resolve("x"));
        assertThat(new String(image.config())).isEqualTo("{\"os\":\"linux\"}");
        assertThat(image.configJson().get("os").asText()).isEqualTo("linux");
        assertThat(image.layers()).hasSize(2);
        assertThat(Files.readAllBytes(image.layers().get(1))).isEqualTo(layer);
        assertThat(TarTree.read(image.layers().get(1))).containsOnlyKeys("a");
    }

    @Test
    void rejectsAnArchiveWithoutManifestAndEntriesOutsideIt() throws IOException {
        Path noManifest = new TarBuilder().file("c.json", "{}").write(tmp.resolve("a.tar"));
        assertThatThrownBy(() -> SavedImage.read(noManifest, tmp.resolve("a")))
                .hasMessageEndingWith("is not a docker-archive: it has no manifest.json");
        Path escaping = new TarBuilder().file("../evil", "x").write(tmp.resolve("b.tar"));
        assertThatThrownBy(() -> SavedImage.read(escaping, tmp.resolve("b")))
                .hasMessageEndingWith("entry ../evil is outside the archive");
        assertThat(tmp.resolve("evil")).doesNotExist();
    }
}
