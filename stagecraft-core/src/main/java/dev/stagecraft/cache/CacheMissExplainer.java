package dev.stagecraft.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Says why a step missed the cache, by comparing it with the same step of the last build of the
 * same Dockerfile and target: its own definition (a variable's value, the command), then each
 * input (a changed context selection by path, a moved base image digest, a parent step whose key
 * changed). A step is the same step when it has the same progress name, else the same stage and
 * number in its stage (a name changes with the variables it expands).
 */
public final class CacheMissExplainer {
    private final BuildRecord previous;
    private final BuildRecord current;
    private final Map<String, BuildRecord.Step> byName = new HashMap<>();
    private final Map<String, BuildRecord.Step> byPosition = new HashMap<>();

    /** Says what declared a variable a step sees: {@code build arg}, {@code env}, or null when unknown. */
    @FunctionalInterface
    public interface VariableKinds {
        String kind(String stepName, String variable);
    }

    /**
     * @param previous the last build's record, if there is one
     * @param current  this build's record
     */
    public CacheMissExplainer(Optional<BuildRecord> previous, BuildRecord current) {
        this.previous = previous.orElse(null);
        this.current = current;
        if (this.previous != null) {
            for (BuildRecord.Step s : this.previous.steps()) {
                byName.putIfAbsent(s.name(), s);
                if (s.position() != null && !s.position().isEmpty()) {
                    byPosition.putIfAbsent(s.position(), s);
                }
            }
        }
    }

    /** Why {@code step} of the current build, which was looked up and not found, missed. */
    public String explain(BuildRecord.Step step, VariableKinds kinds) {
        if (previous == null) {
            return "new step (no earlier build of this Dockerfile and target)";
        }
        BuildRecord.Step before = byName.get(step.name());
        if (before == null && step.position() != null) {
            before = byPosition.get(step.position());
        }
        if (before == null) {
            return "new step (not in the last build of this Dockerfile and target)";
        }
        if (before.key().equals(step.key())) {
            return "cache record gone (pruned)";
        }
        List<String> reasons = new ArrayList<>(OpChanges.describe(before.op(), step.op(),
                v -> kinds.kind(step.name(), v)));
        if (before.inputs().size() != step.inputs().size()) {
            reasons.add("inputs changed");
        } else {
            for (int i = 0; i < step.inputs().size(); i++) {
                reasons.addAll(inputChanges(before.inputs().get(i), step.inputs().get(i)));
            }
        }
        if (reasons.isEmpty() && !Objects.equals(previous.settings(), current.settings())) {
            reasons.add("build settings changed (compression, network or hosts)");
        }
        if (reasons.isEmpty()) {
            reasons.add("key changed");
        }
        return String.join("; ", reasons);
    }

    private List<String> inputChanges(BuildRecord.Input before, BuildRecord.Input after) {
        List<String> out = new ArrayList<>();
        if (!after.selected().isEmpty() || !before.selected().isEmpty()) {
            out.addAll(selectionChanges(before.selected(), after.selected()));
            if (!out.isEmpty() || before.key().equals(after.key())) {
                return out;
            }
        }
        if (before.key().equals(after.key())) {
            return out;
        }
        String image = "base image ";
        if (after.from().startsWith(image) && before.from().startsWith(image)) {
            out.add("base image changed: " + digestOf(before.from().substring(image.length())) + " -> "
                    + digestOf(after.from().substring(image.length())));
        } else {
            out.add("parent step changed: " + after.from());
        }
        return out;
    }

    private List<String> selectionChanges(List<BuildRecord.Selected> before, List<BuildRecord.Selected> after) {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < after.size(); j++) {
            BuildRecord.Selected now = after.get(j);
            BuildRecord.Selected was = j < before.size() ? before.get(j) : null;
            if (was != null && was.checksum().equals(now.checksum())) {
                continue;
            }
            Map<String, String> a = was == null ? null : previous.selections().get(was.checksum());
            Map<String, String> b = current.selections().get(now.checksum());
            String change = a == null || b == null ? null : ContextChanges.describe(a, b);
            out.add(change != null ? change : "context changed: " + now.source());
        }
        return out;
    }

    /** The digest a pinned reference ends with, or the reference when it has none. */
    private static String digestOf(String ref) {
        int at = ref.lastIndexOf('@');
        return at < 0 ? ref : ref.substring(at + 1);
    }
}
