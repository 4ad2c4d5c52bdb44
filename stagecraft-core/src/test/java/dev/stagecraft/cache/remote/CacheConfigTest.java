package dev.stagecraft.cache.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagecraft.StagecraftException;
import dev.stagecraft.cache.CacheRecord;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheConfigTest {
    private static CacheRecord.Layer layer(String name) {
        Digest blob = Digest.sha256(("blob " + name).getBytes(StandardCharsets.UTF_8));
        Digest diff = Digest.sha256(("diff " + name).getBytes(StandardCharsets.UTF_8));
        return new CacheRecord.Layer(diff.toString(), Descriptor.of(MediaTypes.OCI_LAYER_GZIP, blob, name.length()),
                "made " + name, "2026-01-0" + name.length() + "T00:00:00Z");
    }

    private static String key(String s) {
        return Digest.sha256(s.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Test
    void recordsRoundTripAndShareTheirCommonChain() throws Exception {
        CacheRecord.Layer a = layer("a");
        CacheRecord.Layer b = layer("bb");
        CacheRecord.Layer c = layer("ccc");
        CacheRecord first = new CacheRecord(key("1"), "[1/3] RUN a", "2026-01-01T00:00:00Z", List.of(a));
        CacheRecord second = new CacheRecord(key("2"), "[2/3] RUN b", "2026-01-02T00:00:00Z", List.of(a, b));
        CacheRecord third = new CacheRecord(key("3"), "[x 1/1] RUN c", "2026-01-03T00:00:00Z", List.of(a, c));
        CacheRecord empty = new CacheRecord(key("4"), "[4/4] WORKDIR /", "2026-01-04T00:00:00Z", List.of());
        CacheConfig config = CacheConfig.of(List.of(first, second, third, empty));

        assertThat(config.layers()).hasSize(3);
        assertThat(config.blobs()).extracting(Descriptor::digest)
                .containsExactly(a.blob().digest(), b.blob().digest(), c.blob().digest());
        JsonNode json = new ObjectMapper().readTree(config.toJson());
        assertThat(json.get("layers").get(0).get("parent").asInt()).isEqualTo(-1);
        assertThat(json.get("layers").get(1).get("parent").asInt()).isZero();
        assertThat(json.get("layers").get(1).get("annotations").get("diffID").asText()).isEqualTo(b.diffId());
        assertThat(json.get("records").get(1).get("digest").asText()).isEqualTo(key("2"));

        Map<String, CacheRecord> back = CacheConfig.parse(config.toJson()).byKey();
        assertThat(back).containsOnlyKeys(key("1"), key("2"), key("3"), key("4"));
        assertThat(back.get(key("2"))).isEqualTo(second);
        assertThat(back.get(key("3"))).isEqualTo(third);
        assertThat(back.get(key("4")).layers()).isEmpty();
    }

    @Test
    void aRecordNamingAMissingLayerIsRejected() {
        byte[] json = ("{\"layers\":[],\"records\":[{\"digest\":\"" + key("1") + "\",\"layers\":[{\"layer\":3}]}]}")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CacheConfig.parse(json).byKey()).isInstanceOf(StagecraftException.class)
                .hasMessageContaining("names layer 3");
    }

    @Test
    void anInlineCacheTravelsInTheImageConfig() throws Exception {
        CacheConfig config = CacheConfig.of(List.of(new CacheRecord(key("1"), "s", "2026-01-01T00:00:00Z",
                List.of(layer("a")))));
        byte[] image = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        byte[] with = CacheDocuments.withInline(image, config);
        assertThat(new ObjectMapper().readTree(with).get("os").asText()).isEqualTo("linux");
        Optional<CacheConfig> back = CacheDocuments.inline(with);
        assertThat(back).isPresent();
        assertThat(back.get().byKey()).isEqualTo(config.byKey());
        assertThat(CacheDocuments.inline(image)).isEmpty();
    }
}
