package dev.stagecraft.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.image.History;
import dev.stagecraft.worker.FsRef;
import dev.stagecraft.worker.LayerBlob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** History and layers made to agree as BuildKit's exporter does. */
class ImageAssemblerTest {
    private static final String T = "2026-01-01T00:00:00Z";

    private static LayerBlob layer(String name) {
        Digest d = Digest.sha256(name.getBytes(StandardCharsets.UTF_8));
        return new LayerBlob(d, Descriptor.of(MediaTypes.OCI_LAYER_GZIP, d, 10), "made " + name);
    }

    private static LayerBlob empty() {
        return new LayerBlob(FsRef.EMPTY_LAYER_DIFF_ID,
                Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(new byte[] {1}), 32), "empty");
    }

    private static History h(String by, boolean empty) {
        return new History(null, by, null, "buildkit.dockerfile.v0", empty);
    }

    @Test
    void anEmptyLayerIsDroppedAndItsEntryMarkedEmpty() {
        List<LayerBlob> layers = new ArrayList<>(List.of(layer("a"), empty(), layer("c")));
        List<History> out = ImageAssembler.normalise(
                List.of(h("RUN a", false), h("ENV x=1", true), h("RUN true", false), h("COPY c /", false)), layers, T);
        assertThat(layers).extracting(LayerBlob::description).containsExactly("made a", "made c");
        assertThat(out).extracting(History::emptyLayer).containsExactly(false, true, true, false);
        assertThat(out).extracting(History::created).containsOnly(T);
    }

    @Test
    void layersWithoutHistoryGetExporterEntriesNamingWhatMadeThem() {
        // A base image without history: two of its layers, then one RUN layer with an entry.
        List<LayerBlob> layers = new ArrayList<>(List.of(layer("base1"), layer("base2"), layer("run")));
        List<History> out = ImageAssembler.normalise(List.of(h("RUN x", false)), layers, T);
        assertThat(out).hasSize(3);
        assertThat(out.get(1).comment()).isEqualTo(ImageAssembler.EXPORTER_COMMENT);
        assertThat(out.get(1).createdBy()).isEqualTo("made base2");
        assertThat(out.get(2).createdBy()).isEqualTo("made run");
    }

    @Test
    void entriesTakeTheirLayersTimeOrTheTimeBeforeThemAndTheImageTheLatest() {
        String base = "2020-05-05T05:05:05Z";
        String early = "2026-11-29T05:00:00Z";
        String late = "2026-11-29T05:00:07.5Z";
        Digest a = Digest.sha256("a".getBytes(StandardCharsets.UTF_8));
        Digest c = Digest.sha256("c".getBytes(StandardCharsets.UTF_8));
        List<LayerBlob> layers = new ArrayList<>(List.of(
                new LayerBlob(a, Descriptor.of(MediaTypes.OCI_LAYER_GZIP, a, 10), "made a", early),
                new LayerBlob(c, Descriptor.of(MediaTypes.OCI_LAYER_GZIP, c, 10), "made c", late)));
        List<History> out = ImageAssembler.normalise(List.of(
                new History(base, "FROM base", null, null, true), h("ENV x=1", true), h("RUN a", false),
                h("USER u", true), h("COPY c /", false)), layers, T);
        assertThat(out).extracting(History::created).containsExactly(base, base, early, early, late);
        assertThat(ImageAssembler.latest(out, T)).isEqualTo(late);
        assertThat(ImageAssembler.latest(List.of(h("ENV x=1", true)), T)).isEqualTo(T);
    }

    @Test
    void historyWithoutLayersIsMarkedEmpty() {
        List<LayerBlob> layers = new ArrayList<>(List.of(layer("a")));
        List<History> out = ImageAssembler.normalise(List.of(h("RUN a", false), h("RUN b", false)), layers, T);
        assertThat(out).extracting(History::emptyLayer).containsExactly(false, true);
    }
}
