package dev.stagecraft.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Says which paths of a context selection changed between two builds: added, removed, changed,
 * at most {@value #SHOWN} paths named, then how many more.
 */
final class ContextChanges {
    static final int SHOWN = 10;

    private ContextChanges() {
    }

    /**
     * The phrase for the change from {@code before} to {@code after} (path to description, as
     * {@link dev.stagecraft.context.SelectionListing} keeps them); null when they are equal.
     */
    static String describe(Map<String, String> before, Map<String, String> after) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> e : after.entrySet()) {
            String was = before.get(e.getKey());
            if (was == null || was.equals("missing") && !e.getValue().equals("missing")) {
                added.add(e.getKey());
            } else if (e.getValue().equals("missing") && !was.equals("missing")) {
                removed.add(e.getKey());
            } else if (!Objects.equals(was, e.getValue())) {
                changed.add(e.getKey());
            }
        }
        for (String path : before.keySet()) {
            if (!after.containsKey(path) && !before.get(path).equals("missing")) {
                removed.add(path);
            }
        }
        int total = added.size() + removed.size() + changed.size();
        if (total == 0) {
            return null;
        }
        if (total == 1) {
            String kind = !added.isEmpty() ? "added" : !removed.isEmpty() ? "removed" : "changed";
            String path = !added.isEmpty() ? added.get(0) : !removed.isEmpty() ? removed.get(0) : changed.get(0);
            return "context file " + kind + ": " + path;
        }
        StringBuilder sb = new StringBuilder("context changed:");
        int[] shown = {0};
        boolean first = append(sb, "added", added, shown, true);
        first = append(sb, "removed", removed, shown, first);
        append(sb, "changed", changed, shown, first);
        if (total > shown[0]) {
            sb.append(" and ").append(total - shown[0]).append(" more");
        }
        return sb.toString();
    }

    private static boolean append(StringBuilder sb, String kind, List<String> paths, int[] shown, boolean first) {
        if (paths.isEmpty() || shown[0] >= SHOWN) {
            return first;
        }
        sb.append(first ? " " : "; ").append(kind).append(' ');
        int n = 0;
        for (String p : paths) {
            if (shown[0] >= SHOWN) {
                break;
            }
            sb.append(n++ == 0 ? "" : ", ").append(p);
            shown[0]++;
        }
        return false;
    }
}
