package dev.stagecraft.differential.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigComparatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = """
            {"architecture":"amd64","os":"linux","created":"2026-11-29T01:00:00Z",
             "config":{"Env":["PATH=/bin"],"Cmd":["sh"],"Entrypoint":null,"WorkingDir":"/w","User":"app",
               "Labels":{"a":"1"},"ExposedPorts":{"80/tcp":{}},"Volumes":{"/data":{}},
               "Healthcheck":{"Test":["CMD","true"]},"StopSignal":"SIGTERM","Shell":["/bin/sh","-c"],
               "OnBuild":null,"ArgsEscaped":true},
             "rootfs":{"type":"layers","diff_ids":["sha256:aa","sha256:bb"]},
             "history":[{"created":"2026-11-29T01:00:00Z","created_by":"base"},
                        {"created":"2026-11-29T01:00:01Z","created_by":"ENV PATH=/bin","comment":"buildkit.dockerfile.v0","empty_layer":true},
                        {"created":"2026-11-29T01:00:02Z","created_by":"RUN /bin/sh -c true # buildkit","comment":"buildkit.dockerfile.v0"}]}
            """;
    private final ConfigComparator comparator = new ConfigComparator("buildkit", "stagecraft");

    private static ObjectNode config() throws IOException {
        return (ObjectNode) JSON.readTree(CONFIG);
    }

    static List<String> configFields() {
        return ConfigComparator.CONFIG_FIELDS;
    }

    @Test
    void theSameConfigHasNoDifferences() throws IOException {
        ConfigComparator.Result r = comparator.compare(config(), config());
        assertThat(r.differences()).isEmpty();
        assertThat(r.differingDiffIds()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("configFields")
    void eachConfigFieldIsCompared(String field) throws IOException {
        ObjectNode other = config();
        ((ObjectNode) other.get("config")).put(field, "changed");
        assertThat(comparator.compare(config(), other).differences()).singleElement().asString()
                .startsWith("config." + field + ": buildkit ").endsWith(", stagecraft \"changed\"");
    }

    @Test
    void anAbsentFieldIsTheSameAsNullButNotAsAnEmptyValue() throws IOException {
        ObjectNode other = config();
        ((ObjectNode) other.get("config")).remove(List.of("Entrypoint", "OnBuild"));
        assertThat(comparator.compare(config(), other).differences()).isEmpty();
        ((ObjectNode) other.get("config")).putArray("OnBuild");
        assertThat(comparator.compare(config(), other).differences())
                .containsExactly("config.OnBuild: buildkit null, stagecraft []");
    }

    @Test
    void platformAndAuthorAreCompared() throws IOException {
        ObjectNode other = config();
        other.put("architecture", "arm64").put("os", "windows").put("author", "me");
        assertThat(comparator.compare(config(), other).differences()).containsExactly(
                "architecture: buildkit \"amd64\", stagecraft \"arm64\"",
                "os: buildkit \"linux\", stagecraft \"windows\"",
                "author: buildkit null, stagecraft \"me\"");
    }

    @Test
    void historyTimesAreIgnoredButCreatedByEmptyLayerAndCommentAreNot() throws IOException {
        ObjectNode times = config();
        times.put("created", "2030-01-01T00:00:00Z");
        ((ObjectNode) times.get("history").get(2)).put("created", "2030-01-01T00:00:00Z");
        assertThat(comparator.compare(config(), times).differences()).isEmpty();

        ObjectNode by = config();
        ((ObjectNode) by.get("history").get(2)).put("created_by", "RUN |1 A=1 /bin/sh -c true # buildkit");
        assertThat(comparator.compare(config(), by).differences()).singleElement().asString()
                .contains("[1]   ENV PATH=/bin  (empty layer)  comment: buildkit.dockerfile.v0")
                .contains("[2] - RUN /bin/sh -c true # buildkit  (layer)")
                .contains("[2] + RUN |1 A=1 /bin/sh -c true # buildkit  (layer)");

        ObjectNode empty = config();
        ((ObjectNode) empty.get("history").get(1)).remove("empty_layer");
        assertThat(comparator.compare(config(), empty).differences()).singleElement().asString()
                .contains("[1] + ENV PATH=/bin  (layer)");

        ObjectNode comment = config();
        ((ObjectNode) comment.get("history").get(2)).remove("comment");
        assertThat(comparator.compare(config(), comment).differences()).singleElement().asString()
                .endsWith("[2] + RUN /bin/sh -c true # buildkit  (layer)");
    }

    @Test
    void aMissingHistoryEntryIsShownOnItsSide() throws IOException {
        ObjectNode shorter = config();
        ((ArrayNode) shorter.get("history")).remove(2);
        assertThat(comparator.compare(config(), shorter).differences()).singleElement().asString()
                .endsWith("[2] - RUN /bin/sh -c true # buildkit  (layer)  comment: buildkit.dockerfile.v0");
        assertThat(comparator.compareWithoutHistory(config(), shorter).differences()).isEmpty();
    }

    @Test
    void layerCountRootfsTypeAndDifferingDiffIdsAreReported() throws IOException {
        ObjectNode ids = config();
        ((ArrayNode) ids.get("rootfs").get("diff_ids")).set(1, "sha256:cc");
        ConfigComparator.Result r = comparator.compare(config(), ids);
        assertThat(r.differences()).isEmpty();
        assertThat(r.differingDiffIds()).containsExactly(1);

        ObjectNode fewer = config();
        ((ArrayNode) fewer.get("rootfs").get("diff_ids")).remove(1);
        ((ObjectNode) fewer.get("rootfs")).put("type", "other");
        JsonNode expected = config();
        assertThat(comparator.compare(expected, fewer).differences()).containsExactly(
                "rootfs.type: buildkit \"layers\", stagecraft \"other\"",
                "rootfs.diff_ids: buildkit has 2 layers, stagecraft 1");
    }
}
