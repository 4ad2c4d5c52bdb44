package dev.stagecraft.differential.build;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares two image configs (the JSON documents a registry or {@code docker save} stores) field
 * by field: the {@code config} fields a Dockerfile sets, the platform, the history entries
 * ({@code created_by}, {@code empty_layer}, {@code comment}; not their times) and the layers.
 *
 * <p>A field that is absent counts the same as a JSON {@code null}: Go writes nil slices of
 * fields without {@code omitempty} as {@code null}. Nothing else is normalised. Layer diff IDs are
 * reported apart ({@link Result#differingDiffIds()}): they hash the layer tar, mtimes included,
 * so the caller decides, by comparing the layers themselves, whether they differ in more.
 */
public final class ConfigComparator {
    /** The {@code config} fields compared, as the image spec and Docker name them. */
    public static final List<String> CONFIG_FIELDS = List.of("Env", "Cmd", "Entrypoint", "WorkingDir", "User",
            "Labels", "ExposedPorts", "Volumes", "Healthcheck", "StopSignal", "Shell", "OnBuild", "ArgsEscaped");
    private static final List<String> TOP_FIELDS = List.of("architecture", "os", "variant", "author");

    /**
     * What differs.
     *
     * @param differences      one line per differing field or history entry
     * @param differingDiffIds indexes of layers present on both sides whose diff IDs differ
     */
    public record Result(List<String> differences, List<Integer> differingDiffIds) {
        public Result {
            differences = List.copyOf(differences);
            differingDiffIds = List.copyOf(differingDiffIds);
        }
    }

    private final String expectedName;
    private final String actualName;

    /** Names the two sides in messages, e.g. {@code buildkit} and {@code stagecraft}. */
    public ConfigComparator(String expectedName, String actualName) {
        this.expectedName = expectedName;
        this.actualName = actualName;
    }

    /** Compares everything but the history. */
    public Result compareWithoutHistory(JsonNode expected, JsonNode actual) {
        List<String> diffs = new ArrayList<>();
        for (String field : TOP_FIELDS) {
            compare(field, expected.get(field), actual.get(field), diffs);
        }
        for (String field : CONFIG_FIELDS) {
            compare("config." + field, expected.path("config").get(field), actual.path("config").get(field), diffs);
        }
        compare("rootfs.type", expected.path("rootfs").get("type"), actual.path("rootfs").get("type"), diffs);
        JsonNode e = expected.path("rootfs").path("diff_ids");
        JsonNode a = actual.path("rootfs").path("diff_ids");
        if (e.size() != a.size()) {
            diffs.add("rootfs.diff_ids: " + expectedName + " has " + e.size() + " layers, " + actualName + " "
                    + a.size());
        }
        List<Integer> differingDiffIds = new ArrayList<>();
        for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
            if (!e.get(i).asText().equals(a.get(i).asText())) {
                differingDiffIds.add(i);
            }
        }
        return new Result(diffs, differingDiffIds);
    }

    /** Compares everything, the history included. */
    public Result compare(JsonNode expected, JsonNode actual) {
        Result r = compareWithoutHistory(expected, actual);
        List<String> diffs = new ArrayList<>(r.differences());
        diffs.addAll(compareHistory(expected.get("history"), actual.get("history")));
        return new Result(diffs, r.differingDiffIds());
    }

    /** The history, entry by entry in order: {@code created_by}, {@code empty_layer} and {@code comment}. */
    public List<String> compareHistory(JsonNode expected, JsonNode actual) {
        List<String> e = history(expected);
        List<String> a = history(actual);
        if (e.equals(a)) {
            return List.of();
        }
        StringBuilder sb = new StringBuilder("history differs (- " + expectedName + ", + " + actualName + "):");
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String ei = i < e.size() ? e.get(i) : null;
            String ai = i < a.size() ? a.get(i) : null;
            if (ei != null && ei.equals(ai)) {
                sb.append("\n    [").append(i).append("]   ").append(ei);
                continue;
            }
            if (ei != null) {
                sb.append("\n    [").append(i).append("] - ").append(ei);
            }
            if (ai != null) {
                sb.append("\n    [").append(i).append("] + ").append(ai);
            }
        }
        return List.of(sb.toString());
    }

    private static List<String> history(JsonNode h) {
        List<String> out = new ArrayList<>();
        if (h == null) {
            return out;
        }
        for (JsonNode entry : h) {
            StringBuilder sb = new StringBuilder(text(entry.get("created_by"), "<no created_by>"));
            sb.append(entry.path("empty_layer").asBoolean(false) ? "  (empty layer)" : "  (layer)");
            String comment = text(entry.get("comment"), "");
            if (!comment.isEmpty()) {
                sb.append("  comment: ").append(comment);
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static String text(JsonNode n, String absent) {
        return n == null || n.isNull() ? absent : n.asText();
    }

    private void compare(String what, JsonNode expected, JsonNode actual, List<String> diffs) {
        JsonNode e = expected == null || expected.isNull() ? null : expected;
        JsonNode a = actual == null || actual.isNull() ? null : actual;
        if (e == null ? a != null : !e.equals(a)) {
            diffs.add(what + ": " + expectedName + " " + e + ", " + actualName + " " + a);
        }
    }
}
