package dev.stagecraft.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Says how a step's own definition changed between two builds, from the two op JSONs: which
 * variables of a RUN's environment changed value (an ENV or ARG above it), whether the command
 * changed, or which other part of the instruction did.
 */
final class OpChanges {
    /** What declared a variable a step sees: {@code build arg}, {@code env}, or null when unknown. */
    @FunctionalInterface
    interface VariableKinds {
        String kind(String variable);
    }

    private OpChanges() {
    }

    /** The changes from {@code before} to {@code after}, each one phrase; empty when they are equal. */
    static List<String> describe(JsonNode before, JsonNode after, VariableKinds kinds) {
        List<String> out = new ArrayList<>();
        if (Objects.equals(before, after)) {
            return out;
        }
        if (!Objects.equals(before.get("op"), after.get("op"))) {
            out.add("instruction changed");
            return out;
        }
        out.addAll(envChanges(before.get("env"), after.get("env"), kinds));
        Set<String> fields = new LinkedHashSet<>();
        after.fieldNames().forEachRemaining(fields::add);
        before.fieldNames().forEachRemaining(fields::add);
        boolean other = false;
        for (String f : fields) {
            if (f.equals("env") || Objects.equals(before.get(f), after.get(f))) {
                continue;
            }
            switch (f) {
                case "args" -> out.add("command changed");
                case "cwd" -> out.add("working directory changed (" + text(before.get(f)) + " -> "
                        + text(after.get(f)) + ")");
                case "user" -> out.add("user changed (" + text(before.get(f)) + " -> " + text(after.get(f)) + ")");
                default -> other = true;
            }
        }
        if (other) {
            out.add("instruction changed");
        }
        return out;
    }

    private static List<String> envChanges(JsonNode before, JsonNode after, VariableKinds kinds) {
        Map<String, String> was = env(before);
        Map<String, String> now = env(after);
        List<String> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(now.keySet());
        names.addAll(was.keySet());
        for (String name : names) {
            String a = was.get(name);
            String b = now.get(name);
            if (!Objects.equals(a, b)) {
                String kind = kinds.kind(name);
                out.add((kind == null ? "variable" : kind) + " " + name + " changed (" + (a == null ? "unset" : a)
                        + " -> " + (b == null ? "unset" : b) + ")");
            }
        }
        return out;
    }

    /** A RUN's {@code K=V} list as a map; later entries win, as they do in the process environment. */
    private static Map<String, String> env(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        if (list == null || !list.isArray()) {
            return out;
        }
        for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
            String kv = it.next().asText();
            int eq = kv.indexOf('=');
            out.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "none" : n.asText();
    }
}
