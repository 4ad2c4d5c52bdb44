package dev.stagecraft.differential.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Compares the two builds of one case: how they ended, their filesystems, their image configs
 * and, where diff IDs differ, the layers themselves. Differences in aspects the skip-list names
 * are kept apart ({@link Report#skipped()}), with the list's reason.
 */
public final class CaseComparison {
    /** 2010-01-01T00:00:00Z: older mtimes were kept from the base image or the context, newer ones made by the build. */
    public static final long PRESERVED_BEFORE = 1_262_304_000L;

    /**
     * The differences of one case.
     *
     * @param differences one entry per difference the skip-list does not excuse, each readable on its own
     * @param skipped     differences the skip-list excuses, each with its reason
     * @param notes       what was compared in a weaker way (layers equal except for build-made mtimes)
     */
    public record Report(List<String> differences, List<String> skipped, List<String> notes) {
        public Report {
            differences = List.copyOf(differences);
            skipped = List.copyOf(skipped);
            notes = List.copyOf(notes);
        }
    }

    private final String expectedName;
    private final String actualName;
    private final SkipList skipList;

    /** Names the sides in messages ({@code buildkit}, {@code stagecraft}) and applies {@code skipList}. */
    public CaseComparison(String expectedName, String actualName, SkipList skipList) {
        this.expectedName = expectedName;
        this.actualName = actualName;
        this.skipList = skipList;
    }

    /** Compares {@code expected} (the reference build) with {@code actual}; {@code work} receives extracted layers. */
    public Report compare(BuildCase c, BuildOutcome expected, BuildOutcome actual, Path work) throws IOException {
        List<String> diffs = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (c.expectedExitCode() != null) {
            compareFailure(c, expected, actual, diffs);
            return new Report(diffs, skipped, notes);
        }
        if (expected.status() != BuildOutcome.Status.SUCCEEDED) {
            throw new IllegalStateException(c.name() + ": the reference build (" + expectedName + ") did not succeed: "
                    + expected.summary() + "\n(logs in " + expected.dir() + "; if the case should fail, set "
                    + "expect-exit-code in its case.properties)");
        }
        if (actual.status() != BuildOutcome.Status.SUCCEEDED) {
            diffs.add("build: " + expectedName + " succeeded, " + actualName + " " + actual.summary());
            return new Report(diffs, skipped, notes);
        }
        TreeComparator trees = new TreeComparator(expectedName, actualName, PRESERVED_BEFORE, false);
        sort(c, "tree", "filesystem: ", trees.compare(TarTree.read(expected.filesystem()),
                TarTree.read(actual.filesystem())), diffs, skipped);

        SavedImage e = SavedImage.read(expected.image(), work.resolve(expectedName + "-image"));
        SavedImage a = SavedImage.read(actual.image(), work.resolve(actualName + "-image"));
        JsonNode ec = withBaseNamed(e.configJson(), expected.base());
        JsonNode ac = withBaseNamed(a.configJson(), actual.base());
        ConfigComparator configs = new ConfigComparator(expectedName, actualName);
        ConfigComparator.Result r = configs.compareWithoutHistory(ec, ac);
        sort(c, "config", "config ", r.differences(), diffs, skipped);
        List<String> history = configs.compareHistory(ec.get("history"), ac.get("history"));
        Optional<String> configSkip = skipList.reason(c.name(), "config");
        sort(c, configSkip.isPresent() ? "config" : "history", "config ", history, diffs, skipped);

        for (int i : r.differingDiffIds()) {
            if (i >= e.layers().size() || i >= a.layers().size()) {
                diffs.add("layer " + i + ": the config lists it but the archive has no such layer");
                continue;
            }
            SortedMap<String, TreeEntry> el = TarTree.read(e.layers().get(i));
            SortedMap<String, TreeEntry> al = TarTree.read(a.layers().get(i));
            List<String> markers = trees.compare(whiteouts(el, true), whiteouts(al, true));
            List<String> layer = trees.compare(whiteouts(el, false), whiteouts(al, false));
            String what = "layer " + i + " (its history entry: " + createdBy(ec, i) + ")";
            // A layer holds part of the filesystem: the tree entry of the skip-list covers it too.
            sort(c, "tree", what + ": ", layer, diffs, skipped);
            sort(c, "whiteouts", what + ": ", markers, diffs, skipped);
            if (!layer.isEmpty() || !markers.isEmpty()) {
                continue;
            }
            if (skipList.reason(c.name(), "diff-ids").isPresent()) {
                notes.add(what + ": diff IDs differ; the layers' contents are the same except for mtimes the "
                        + "build made (skip-list: " + skipList.reason(c.name(), "diff-ids").get() + ")");
            } else {
                diffs.add(what + ": diff IDs differ (" + expectedName + " " + diffId(ec, i) + ", " + actualName + " "
                        + diffId(ac, i) + ") although the layers' contents are the same except for mtimes the build "
                        + "made; if that is expected, list `" + c.name() + ":diff-ids` in the skip-list");
            }
        }
        return new Report(diffs, skipped, notes);
    }

    private void compareFailure(BuildCase c, BuildOutcome expected, BuildOutcome actual, List<String> diffs) {
        int code = c.expectedExitCode();
        if (expected.status() != BuildOutcome.Status.FAILED || expected.exitCode() != code) {
            throw new IllegalStateException(c.name() + ": case.properties expects exit code " + code + " but the "
                    + "reference build (" + expectedName + ") " + expected.summary() + " (logs in " + expected.dir() + ")");
        }
        if (actual.status() != BuildOutcome.Status.FAILED || actual.exitCode() != code) {
            diffs.add("build: " + expectedName + " failed with exit code " + code + ", " + actualName + " "
                    + actual.summary());
        }
    }

    private void sort(BuildCase c, String aspect, String prefix, List<String> found, List<String> diffs,
            List<String> skipped) {
        Optional<String> reason = skipList.reason(c.name(), aspect);
        for (String d : found) {
            if (reason.isPresent()) {
                skipped.add(prefix + d + "\n    (skip-list " + c.name() + ":" + aspect + ": " + reason.get() + ")");
            } else {
                diffs.add(prefix + d);
            }
        }
    }

    /**
     * The config with the base image's reference and digest in history texts replaced by
     * {@code @BASE@} and {@code @BASE_MANIFEST@}: BuildKit names the image a layer was pulled
     * from when the image has no history of its own, and the registry port and the base image's
     * creation time change from run to run.
     */
    static JsonNode withBaseNamed(JsonNode config, BaseImage base) {
        // dockerd describes a pulled layer by the reference it was first pulled under, which may be
        // an earlier run's: any port and any digest of the base image's repository count.
        String ref = base.reference();
        int slash = ref.indexOf('/');
        int colon = ref.lastIndexOf(':', slash);
        Pattern any = Pattern.compile(Pattern.quote(ref.substring(0, colon + 1)) + "[0-9]+"
                + Pattern.quote(ref.substring(slash)) + "(@sha256:[0-9a-f]{64})?");
        JsonNode copy = config.deepCopy();
        for (JsonNode h : copy.path("history")) {
            JsonNode by = h.get("created_by");
            if (by != null && by.isTextual()) {
                String text = by.asText().replace(base.reference(), BuildCase.BASE_PLACEHOLDER)
                        .replace(base.manifest(), "@BASE_MANIFEST@");
                text = any.matcher(text).replaceAll(m -> BuildCase.BASE_PLACEHOLDER
                        + (m.group(1) == null ? "" : "@@BASE_MANIFEST@"));
                ((ObjectNode) h).put("created_by", text);
            }
        }
        return copy;
    }

    /** The whiteout and opaque markers of a layer ({@code .wh.} names), or everything else. */
    private static SortedMap<String, TreeEntry> whiteouts(SortedMap<String, TreeEntry> layer, boolean markers) {
        SortedMap<String, TreeEntry> out = new TreeMap<>();
        layer.forEach((path, entry) -> {
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (name.startsWith(".wh.") == markers) {
                out.put(path, entry);
            }
        });
        return out;
    }

    /**
     * The {@code created_by} of the history entry the config pairs with layer {@code index}. When
     * the base image has no history, BuildKit appends the missing entries at the end, so the
     * pairing is off by the base's layers; the text is what the config says, not a diagnosis.
     */
    private static String createdBy(JsonNode config, int index) {
        int layer = 0;
        for (JsonNode h : config.path("history")) {
            if (h.path("empty_layer").asBoolean(false)) {
                continue;
            }
            if (layer++ == index) {
                return h.path("created_by").asText("<no created_by>");
            }
        }
        return "no history entry";
    }

    private static String diffId(JsonNode config, int index) {
        String id = config.path("rootfs").path("diff_ids").path(index).asText();
        return id.length() > 19 ? id.substring(0, 19) : id;
    }

    /** Formats a report for a failure message. */
    public static String format(String caseName, Report report, Map<String, String> context) {
        StringBuilder sb = new StringBuilder(caseName).append(": ").append(report.differences().size())
                .append(" difference(s)");
        context.forEach((k, v) -> sb.append("\n  ").append(k).append(": ").append(v));
        for (String d : report.differences()) {
            sb.append("\n  - ").append(d.replace("\n", "\n    "));
        }
        for (String s : report.skipped()) {
            sb.append("\n  (skipped) ").append(s.replace("\n", "\n    "));
        }
        for (String n : report.notes()) {
            sb.append("\n  (note) ").append(n);
        }
        return sb.toString();
    }
}
