package dev.stagecraft.cache.remote;

import dev.stagecraft.StagecraftException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code --cache-to} or {@code --cache-from} value in buildx's vocabulary:
 * {@code type=registry,ref=REF[,mode=min|max][,ignore-error=true|false]},
 * {@code type=local,dest=DIR} (export) or {@code type=local,src=DIR} (import), {@code type=inline};
 * a value without {@code =} is {@code type=registry,ref=VALUE}.
 *
 * @param type  registry, local or inline
 * @param attrs the other {@code key=value} fields
 */
public record CacheSpec(String type, Map<String, String> attrs) {
    private static final List<String> EXPORT_TYPES = List.of("registry", "local", "inline");
    private static final List<String> IMPORT_TYPES = List.of("registry", "local");

    public CacheSpec {
        attrs = Map.copyOf(attrs);
    }

    /** Parses and checks a {@code --cache-to} value. */
    public static CacheSpec parseExport(String spec) {
        CacheSpec s = parse("--cache-to", spec, EXPORT_TYPES);
        s.require("--cache-to", spec, "registry", "ref", "REF");
        s.require("--cache-to", spec, "local", "dest", "DIR");
        String mode = s.attrs.getOrDefault("mode", "min");
        if (!mode.equals("min") && !mode.equals("max")) {
            throw new StagecraftException("invalid --cache-to " + quote(spec) + ": mode must be min or max, not "
                    + quote(mode));
        }
        if (s.type.equals("inline") && mode.equals("max")) {
            throw new StagecraftException("invalid --cache-to " + quote(spec)
                    + ": type=inline supports only mode=min (the image holds only its own layers)");
        }
        String ignore = s.attrs.getOrDefault("ignore-error", "true");
        if (!ignore.equals("true") && !ignore.equals("false")) {
            throw new StagecraftException("invalid --cache-to " + quote(spec)
                    + ": ignore-error must be true or false, not " + quote(ignore));
        }
        return s;
    }

    /** Parses and checks a {@code --cache-from} value. */
    public static CacheSpec parseImport(String spec) {
        CacheSpec s = parse("--cache-from", spec, IMPORT_TYPES);
        s.require("--cache-from", spec, "registry", "ref", "REF");
        s.require("--cache-from", spec, "local", "src", "DIR");
        return s;
    }

    /** {@code ref=}: the registry reference (registry type). */
    public String ref() {
        return attrs.get("ref");
    }

    /** The layout directory: {@code dest=} of an export, {@code src=} of an import (local type). */
    public Path dir() {
        return Path.of(attrs.containsKey("dest") ? attrs.get("dest") : attrs.get("src"));
    }

    /** {@code mode=max}: every step of the build, not only those the image is made of. */
    public boolean max() {
        return "max".equals(attrs.get("mode"));
    }

    /** False only for {@code ignore-error=false}: a failed export then fails the build. */
    public boolean ignoreError() {
        return !"false".equals(attrs.get("ignore-error"));
    }

    /** The name of the entry in a local layout's {@code index.json} ({@code tag=}, default latest). */
    public String tag() {
        return attrs.getOrDefault("tag", "latest");
    }

    /** What the spec names, for messages: the ref, the directory, or {@code inline}. */
    public String describe() {
        return switch (type) {
            case "registry" -> ref();
            case "local" -> dir().toString();
            default -> type;
        };
    }

    private void require(String flag, String spec, String forType, String key, String what) {
        if (type.equals(forType) && (!attrs.containsKey(key) || attrs.get(key).isBlank())) {
            throw new StagecraftException("invalid " + flag + " " + quote(spec) + ": type=" + forType + " needs "
                    + key + "=" + what);
        }
    }

    private static CacheSpec parse(String flag, String spec, List<String> types) {
        if (spec == null || spec.isBlank()) {
            throw new StagecraftException("invalid " + flag + ": empty");
        }
        if (!spec.contains("=")) {
            return new CacheSpec("registry", Map.of("ref", spec.trim()));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : fields(spec)) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new StagecraftException("invalid " + flag + " " + quote(spec) + ": field " + quote(field)
                        + " must be key=value");
            }
            fields.put(field.substring(0, eq).trim().toLowerCase(Locale.ROOT), field.substring(eq + 1).trim());
        }
        String type = fields.remove("type");
        if (type == null) {
            throw new StagecraftException("invalid " + flag + " " + quote(spec) + ": type is required (one of "
                    + String.join(", ", types) + ")");
        }
        if (!types.contains(type)) {
            throw new StagecraftException("invalid " + flag + " " + quote(spec) + ": unknown type " + quote(type)
                    + " (one of " + String.join(", ", types) + ")");
        }
        return new CacheSpec(type, fields);
    }

    /** Comma-separated fields; a double-quoted part may hold commas, as in buildx's CSV values. */
    private static List<String> fields(String spec) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : spec.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
