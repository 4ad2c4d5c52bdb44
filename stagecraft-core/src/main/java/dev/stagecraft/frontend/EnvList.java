package dev.stagecraft.frontend;

import dev.stagecraft.dockerfile.shell.ShellEnv;
import java.util.ArrayList;
import java.util.List;

/**
 * An ordered, immutable list of variables with add-or-replace semantics (BuildKit's
 * {@code llb.EnvList}): replacing a key keeps its position, a new key goes to the end. Stages
 * inherit it by reference, which is safe because nothing mutates it.
 */
final class EnvList implements ShellEnv {
    private static final EnvList EMPTY = new EnvList(List.of());

    private final List<String[]> entries;

    private EnvList(List<String[]> entries) {
        this.entries = entries;
    }

    static EnvList empty() {
        return EMPTY;
    }

    /** Parses {@code K=V} strings (a value-less {@code K} gets ""). */
    static EnvList fromKeyValues(List<String> keyValues) {
        EnvList env = EMPTY;
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            env = eq < 0 ? env.with(kv, "") : env.with(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return env;
    }

    /** A copy with {@code key} set to {@code value}. */
    EnvList with(String key, String value) {
        List<String[]> copy = new ArrayList<>(entries.size() + 1);
        boolean replaced = false;
        for (String[] e : entries) {
            if (!replaced && e[0].equals(key)) {
                copy.add(new String[] {key, value});
                replaced = true;
            } else {
                copy.add(e);
            }
        }
        if (!replaced) {
            copy.add(new String[] {key, value});
        }
        return new EnvList(List.copyOf(copy));
    }

    @Override
    public String get(String name) {
        for (String[] e : entries) {
            if (e[0].equals(name)) {
                return e[1];
            }
        }
        return null;
    }

    boolean contains(String name) {
        return get(name) != null;
    }

    @Override
    public List<String> names() {
        return entries.stream().map(e -> e[0]).toList();
    }

    /** The variables as {@code K=V} strings, in order. */
    List<String> toKeyValues() {
        return entries.stream().map(e -> e[0] + "=" + e[1]).toList();
    }
}
