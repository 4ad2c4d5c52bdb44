package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.DockerfileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --flag} words of one instruction, checked against the flags the instruction
 * declares (BuildKit's {@code BFlags}).
 *
 * <p>Usage: declare every accepted flag with {@link #addBool}, {@link #addString} or
 * {@link #addStrings}, then call {@link #parse()}. Errors carry no location; the caller adds it.
 */
public final class BuilderFlags {
    private enum Type { BOOL, STRING, STRINGS }

    private final List<String> args;
    private final Map<String, Flag> declared = new LinkedHashMap<>();
    private final Map<String, Flag> used = new LinkedHashMap<>();

    /** @param args the flag words as the parser extracted them, e.g. {@code --from=build} */
    public BuilderFlags(List<String> args) {
        this.args = List.copyOf(args);
    }

    /** Declares a boolean flag: {@code --name}, {@code --name=true} or {@code --name=false}. */
    public Flag addBool(String name, boolean defaultValue) {
        return add(name, Type.BOOL, Boolean.toString(defaultValue));
    }

    /** Declares a flag that takes one value, {@code --name=value}. */
    public Flag addString(String name, String defaultValue) {
        return add(name, Type.STRING, defaultValue);
    }

    /** Declares a flag that may be repeated, each {@code --name=value} adding a value. */
    public Flag addStrings(String name) {
        return add(name, Type.STRINGS, "");
    }

    private Flag add(String name, Type type, String defaultValue) {
        if (declared.containsKey(name)) {
            // A programming error, not a Dockerfile error.
            throw new IllegalStateException("duplicate flag defined: " + name);
        }
        Flag flag = new Flag(name, type, defaultValue);
        declared.put(name, flag);
        return flag;
    }

    /**
     * Checks every flag word and stores the values.
     *
     * @throws DockerfileException on an unknown, repeated, valueless or ill-typed flag
     */
    public void parse() {
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new DockerfileException("arg should start with -- : " + arg);
            }
            if (arg.equals("--")) {
                return;
            }
            String word = arg.substring(2);
            int eq = word.indexOf('=');
            String name = eq >= 0 ? word.substring(0, eq) : word;
            String value = eq >= 0 ? word.substring(eq + 1) : "";
            String flagName = "--" + name;
            Flag flag = declared.get(name);
            if (flag == null) {
                throw new DockerfileException(Suggestions.withSuggestion(
                        "unknown flag: " + flagName, name, declared.keySet(), true));
            }
            if (used.containsKey(name) && flag.type != Type.STRINGS) {
                throw new DockerfileException("duplicate flag specified: " + flagName);
            }
            used.put(name, flag);
            flag.set(flagName, value, eq >= 0);
        }
    }

    /** Whether the flag was written on the instruction. */
    public boolean isUsed(String name) {
        return used.containsKey(name);
    }

    /** The names of the flags written, in the order first written. */
    public List<String> usedNames() {
        return List.copyOf(used.keySet());
    }

    /** One declared flag and, after {@link #parse()}, its value. */
    public static final class Flag {
        private final String name;
        private final Type type;
        private String value;
        private final List<String> values = new ArrayList<>();

        private Flag(String name, Type type, String value) {
            this.name = name;
            this.type = type;
            this.value = value;
        }

        private void set(String flagName, String raw, boolean hasValue) {
            switch (type) {
                case BOOL:
                    if (hasValue && raw.isEmpty()) {
                        throw new DockerfileException("missing a value on flag: " + flagName);
                    }
                    String lower = raw.toLowerCase(Locale.ROOT);
                    if (lower.isEmpty()) {
                        value = "true";
                    } else if (lower.equals("true") || lower.equals("false")) {
                        value = lower;
                    } else {
                        throw new DockerfileException(
                                "expecting boolean value for flag " + flagName + ", not: " + raw);
                    }
                    break;
                case STRING:
                    requireValue(flagName, hasValue);
                    value = raw;
                    break;
                default:
                    requireValue(flagName, hasValue);
                    values.add(raw);
                    break;
            }
        }

        private static void requireValue(String flagName, boolean hasValue) {
            if (!hasValue) {
                throw new DockerfileException("missing a value on flag: " + flagName);
            }
        }

        /** The flag name without dashes. */
        public String name() {
            return name;
        }

        /** The value of a string flag (its default when not given), "true"/"false" for a bool. */
        public String value() {
            return value;
        }

        /** A string flag's value, or null when it is empty (BuildKit treats "" as unset). */
        public String valueOrNull() {
            return value.isEmpty() ? null : value;
        }

        /** The values of a repeatable flag, in order. */
        public List<String> values() {
            return List.copyOf(values);
        }

        /** Whether a bool flag is true. */
        public boolean isTrue() {
            return value.equals("true");
        }
    }
}
