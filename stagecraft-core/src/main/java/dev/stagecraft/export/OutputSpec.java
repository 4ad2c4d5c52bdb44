package dev.stagecraft.export;

import dev.stagecraft.StagecraftException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code --output} of a build, in buildx's syntax: {@code type=local,dest=DIR},
 * {@code type=tar,dest=FILE}, {@code type=oci,dest=FILE[,tar=false]}, {@code type=docker,dest=FILE},
 * {@code type=image[,name=REF[,REF]][,push=true]}, {@code type=registry,name=REF}; a bare path
 * means {@code type=local,dest=PATH} and {@code -} a tar on standard output.
 *
 * @param type  local, tar, oci, docker, image or registry
 * @param attrs the other {@code key=value} fields, in order
 */
public record OutputSpec(String type, Map<String, String> attrs) {
    private static final List<String> TYPES = List.of("local", "tar", "oci", "docker", "image", "registry");

    public OutputSpec {
        attrs = Map.copyOf(attrs);
    }

    /** Parses one {@code --output} value. */
    public static OutputSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new StagecraftException("invalid output: empty");
        }
        if (!spec.contains("=")) {
            return spec.equals("-") ? new OutputSpec("tar", Map.of("dest", "-"))
                    : new OutputSpec("local", Map.of("dest", spec));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : splitCsv(spec)) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new StagecraftException("invalid output " + quote(spec) + ": field " + quote(field)
                        + " must be key=value");
            }
            fields.put(field.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT), field.substring(eq + 1));
        }
        String type = fields.remove("type");
        if (type == null) {
            throw new StagecraftException("invalid output " + quote(spec) + ": type is required (one of "
                    + String.join(", ", TYPES) + ")");
        }
        if (!TYPES.contains(type)) {
            throw new StagecraftException("invalid output " + quote(spec) + ": unknown type " + quote(type)
                    + " (one of " + String.join(", ", TYPES) + ")");
        }
        boolean needsDest = type.equals("local") || type.equals("tar") || type.equals("oci") || type.equals("docker");
        if (needsDest && !fields.containsKey("dest")) {
            throw new StagecraftException("invalid output " + quote(spec) + ": type=" + type + " needs dest=PATH");
        }
        if (type.equals("registry")) {
            fields.put("push", "true");
            type = "image";
        }
        return new OutputSpec(type, fields);
    }

    /** The {@code dest} field, or null. */
    public String dest() {
        return attrs.get("dest");
    }

    /** The image names of the {@code name} field, comma-separated in buildx. */
    public List<String> names() {
        String n = attrs.get("name");
        List<String> out = new ArrayList<>();
        if (n != null) {
            for (String s : n.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    /** A boolean field, {@code def} when absent. */
    public boolean flag(String key, boolean def) {
        String v = attrs.get(key);
        if (v == null) {
            return def;
        }
        if (v.equalsIgnoreCase("true") || v.equals("1")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equals("0")) {
            return false;
        }
        throw new StagecraftException("invalid output field " + key + "=" + v + ": expected true or false");
    }

    /** Splits on commas outside double quotes, as buildx's CSV reader does; the quotes are removed. */
    private static List<String> splitCsv(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
