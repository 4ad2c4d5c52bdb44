package dev.stagecraft.differential.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The known differences between the two builders, one per line: {@code CASE[:ASPECT] REASON}.
 * Without an aspect the whole case is skipped. The aspects:
 *
 * <ul>
 *   <li>{@code tree}: the filesystem is not compared;
 *   <li>{@code config}: the image config (history included) is not compared;
 *   <li>{@code history}: the history entries are not compared;
 *   <li>{@code whiteouts}: the whiteout and opaque-directory markers of the layers
 *       ({@code .wh.*}) are not compared; builders' differs write them with their own modes
 *       and times;
 *   <li>{@code diff-ids}: layer diff IDs may differ where the layers differ only in mtimes made
 *       during the build.
 * </ul>
 *
 * <p>Lines starting with {@code #} and blank lines are ignored. A reason is required.
 */
public final class SkipList {
    /** The aspects an entry can name. */
    public static final List<String> ASPECTS = List.of("tree", "whiteouts", "config", "history", "diff-ids");
    private static final String WHOLE = "";

    private final Map<String, String> reasons;

    private SkipList(Map<String, String> reasons) {
        this.reasons = reasons;
    }

    /** Reads {@code file}. */
    public static SkipList read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses the lines of a skip-list; {@code name} names it in errors. */
    public static SkipList parse(List<String> lines, String name) throws IOException {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\\s+", 2);
            if (f.length < 2) {
                throw new IOException(name + ":" + (i + 1) + ": " + f[0] + " has no reason");
            }
            String key = f[0];
            int colon = key.indexOf(':');
            String aspect = colon < 0 ? WHOLE : key.substring(colon + 1);
            if (colon >= 0 && !ASPECTS.contains(aspect)) {
                throw new IOException(name + ":" + (i + 1) + ": unknown aspect " + aspect + ", expected one of "
                        + ASPECTS);
            }
            if (reasons.putIfAbsent(key, f[1]) != null) {
                throw new IOException(name + ":" + (i + 1) + ": " + key + " is listed twice");
            }
        }
        return new SkipList(reasons);
    }

    /** Why the whole case is skipped, if it is. */
    public Optional<String> caseReason(String caseName) {
        return Optional.ofNullable(reasons.get(caseName));
    }

    /** Why {@code aspect} of the case is not compared (or, for {@code diff-ids}, accepted), if it is listed. */
    public Optional<String> reason(String caseName, String aspect) {
        if (!ASPECTS.contains(aspect)) {
            throw new IllegalArgumentException("unknown aspect " + aspect);
        }
        return Optional.ofNullable(reasons.get(caseName + ":" + aspect));
    }

    /** The case names the entries mention. */
    public List<String> cases() {
        return reasons.keySet().stream().map(k -> k.contains(":") ? k.substring(0, k.indexOf(':')) : k)
                .distinct().toList();
    }
}
