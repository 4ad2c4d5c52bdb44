package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.DockerfileException;
import java.util.List;
import java.util.Locale;

/** Syntax check of a {@code RUN --device=name[,required[=bool]]} value (BuildKit's {@code ParseDevice}). */
final class RunDevices {
    private static final List<String> KEYS = List.of("name", "required");

    private RunDevices() {
    }

    static void check(String spec) {
        List<String> fields;
        try {
            fields = CsvFields.split(spec);
        } catch (IllegalArgumentException e) {
            throw new DockerfileException("failed to parse csv devices: " + e.getMessage());
        }
        String name = "";
        for (String field : fields) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (eq < 0) {
                if (key.equals("required")) {
                    continue;
                }
                if (name.isEmpty()) {
                    name = field;
                    continue;
                }
                throw new DockerfileException("invalid field '" + field + "' must be a key=value pair");
            }
            String value = field.substring(eq + 1);
            switch (key) {
                case "name":
                    if (!name.isEmpty()) {
                        throw new DockerfileException("device name already set to " + name);
                    }
                    name = value;
                    break;
                case "required":
                    if (GoNumbers.parseBool(value) == null) {
                        throw new DockerfileException("invalid value for " + key + ": " + value);
                    }
                    break;
                default:
                    if (name.isEmpty()) {
                        name = field;
                        break;
                    }
                    throw new DockerfileException(Suggestions.withSuggestion(
                            "unexpected key '" + key + "' in '" + field + "'", key, KEYS, true));
            }
        }
    }
}
