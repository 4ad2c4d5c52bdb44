package dev.stagecraft.dockerfile.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables a word is expanded against. Lookup is case-sensitive (Unix semantics).
 *
 * <p>"Set" and "empty" differ: {@code ${x-w}} gives w only when x is absent, so {@link #get}
 * returns null for an unset name and "" for a set-but-empty one.
 */
public interface ShellEnv {
    /** The value of {@code name}, or null when it is not set. */
    String get(String name);

    /** Every set name, in definition order (used for "did you mean" suggestions). */
    List<String> names();

    /** An environment holding no variable. */
    static ShellEnv empty() {
        return of(Map.of());
    }

    /** An environment backed by a copy of {@code values}, iteration order kept. */
    static ShellEnv of(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        return new ShellEnv() {
            @Override
            public String get(String name) {
                return copy.get(name);
            }

            @Override
            public List<String> names() {
                return List.copyOf(copy.keySet());
            }
        };
    }
}
