package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagecraft.api.event.BuildStep;
import dev.stagecraft.api.event.CacheMiss;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RawJsonProgress}: every event one JSON line, parsed back with Jackson. */
class RawJsonProgressTest {
    private static final BuildStep STEP = new BuildStep("sha256:c", "[build 1/1] RUN make");

    /** Every line of {@code text} as JSON (failing on a line that is not). */
    static List<JsonNode> parse(String text) throws java.io.IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n")) {
            nodes.add(json.readTree(line));
        }
        return nodes;
    }

    @Test
    void everyEventIsOneJsonLine() throws Exception {
        StringWriter out = new StringWriter();
        RawJsonProgress p = new RawJsonProgress(new PrintWriter(out),
                () -> Instant.parse("2026-11-29T06:04:45.123456789Z"));
        BuildStep cached = new BuildStep("sha256:a", "[base 1/1] COPY \"a b\" /");
        p.stepCached(cached);
        p.stepStarted(STEP);
        byte[] text = "héllo\nworld \"quoted\"\n".getBytes(StandardCharsets.UTF_8);
        p.stepLog(STEP, 1, text, 0, text.length);
        byte[] binary = {'x', (byte) 0xff, (byte) 0xc3};
        p.stepLog(STEP, 2, binary, 1, 2);
        p.stepCompleted(STEP, Duration.ofMillis(1_250));
        p.stepFailed(cached, "boom", true);
        p.warning("no platform");
        p.cacheMisses(List.of(new CacheMiss(STEP, "cache miss: command changed")));
        p.result("sha256:i", "sha256:m", List.of("x/y:1"));

        assertThat(out.toString()).endsWith("\n").doesNotContain("\n\n");
        List<JsonNode> events = parse(out.toString());
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("vertex-cached", "vertex-started",
                "vertex-log", "vertex-log", "vertex-completed", "vertex-error", "warning", "cache-miss", "result");
        assertThat(events).allSatisfy(e -> assertThat(e.get("time").asText()).isEqualTo("2026-11-29T06:04:45.123456789Z"));
        assertThat(events.get(0).get("id").asText()).isEqualTo("sha256:a");
        assertThat(events.get(0).get("name").asText()).isEqualTo("[base 1/1] COPY \"a b\" /");
        assertThat(events.get(2).get("stream").asInt()).isEqualTo(1);
        assertThat(events.get(2).get("data").asText()).isEqualTo("héllo\nworld \"quoted\"\n");
        assertThat(events.get(3).get("stream").asInt()).isEqualTo(2);
        assertThat(events.get(3).has("data")).isFalse();
        assertThat(Base64.getDecoder().decode(events.get(3).get("data_base64").asText()))
                .containsExactly((byte) 0xff, (byte) 0xc3);
        assertThat(events.get(4).get("duration").asDouble()).isEqualTo(1.25);
        assertThat(events.get(5).get("error").asText()).isEqualTo("boom");
        assertThat(events.get(5).get("cancelled").asBoolean()).isTrue();
        assertThat(events.get(6).get("message").asText()).isEqualTo("no platform");
        assertThat(events.get(6).has("id")).isFalse();
        assertThat(events.get(7).get("id").asText()).isEqualTo("sha256:c");
        assertThat(events.get(7).get("reason").asText()).isEqualTo("cache miss: command changed");
        assertThat(events.get(8).get("names").get(0).asText()).isEqualTo("x/y:1");
    }

    @Test
    void theDefaultClockWritesRfc3339InUtc() throws Exception {
        StringWriter out = new StringWriter();
        new RawJsonProgress(new PrintWriter(out)).stepStarted(STEP);
        String time = parse(out.toString()).get(0).get("time").asText();
        assertThat(time).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(Instant.parse(time)).isNotNull();
    }
}
