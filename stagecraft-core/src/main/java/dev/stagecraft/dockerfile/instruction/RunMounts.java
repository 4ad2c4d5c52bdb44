package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.instruction.RunMount.MountType;
import dev.stagecraft.text.GoText;
import java.util.List;
import java.util.Locale;

/**
 * Parses one {@code RUN --mount=...} value (BuildKit's {@code parseMount}).
 *
 * <p>BuildKit parses every mount twice. While typing instructions there is no expander: only
 * {@code from} is looked at (it may not use variables) and every other key is left for later, so
 * the result is a bind mount carrying just {@code from}. At dispatch the frontend parses again
 * with an expander, and every value is expanded with the stage env before it is interpreted.
 */
public final class RunMounts {
    private static final List<String> TYPES = List.of("bind", "cache", "tmpfs", "secret", "ssh");
    private static final List<String> SHARING = List.of("shared", "private", "locked");
    private static final List<String> KEYS = List.of("type", "from", "source", "target", "readonly", "id",
            "sharing", "required", "size", "mode", "uid", "gid", "src", "dst", "destination", "ro", "rw",
            "readwrite", "env");

    private RunMounts() {
    }

    /**
     * Parses a mount spec such as {@code type=cache,target=/root/.cache,id=x}.
     *
     * @param spec     the value after {@code --mount=}
     * @param expander expands each value with the stage env, or null for the parse-time pass
     * @return the mount; {@code mode}, {@code uid} and {@code gid} above 2^31-1 wrap around, use
     *         {@link Integer#toUnsignedLong} to read them
     * @throws DockerfileException with BuildKit's message and no location
     */
    public static RunMount parse(String spec, WordExpander expander) {
        List<String> fields;
        try {
            fields = CsvFields.split(spec);
        } catch (IllegalArgumentException e) {
            throw fail("failed to parse csv mounts: " + e.getMessage());
        }
        Builder m = new Builder();
        boolean roAuto = true;
        for (String field : fields) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (eq < 0) {
                if (expander == null) {
                    continue; // bare flags are evaluated in the second pass
                }
                switch (key) {
                    case "readonly": case "ro":
                        m.readOnly = true;
                        roAuto = false;
                        break;
                    case "readwrite": case "rw":
                        m.readOnly = false;
                        roAuto = false;
                        break;
                    case "required":
                        requireSecretOrSsh(key, m);
                        m.required = true;
                        break;
                    default:
                        throw fail("invalid field '" + field + "' must be a key=value pair");
                }
                continue;
            }
            String value = field.substring(eq + 1);
            if (expander != null) {
                value = expander.expand(value);
            } else if (key.equals("from")) {
                int dollar = value.indexOf('$');
                if (dollar >= 0 && dollar != value.length() - 1) {
                    throw fail("'from' doesn't support variable expansion, define alias stage instead");
                }
            } else {
                continue;
            }
            roAuto = apply(m, key, value, field, roAuto);
        }
        return validate(m, roAuto);
    }

    /** Interprets one key; returns the new "read-only by default" state. */
    private static boolean apply(Builder m, String key, String value, String field, boolean roAuto) {
        switch (key) {
            case "type":
                String type = value.toLowerCase(Locale.ROOT);
                if (!TYPES.contains(type)) {
                    throw fail(Suggestions.withSuggestion(
                            "unsupported mount type " + GoText.quote(value), value, TYPES, true));
                }
                m.type = MountType.valueOf(type.toUpperCase(Locale.ROOT));
                return roAuto;
            case "from":
                m.from = value;
                return roAuto;
            case "source": case "src":
                m.source = value;
                return roAuto;
            case "target": case "dst": case "destination":
                m.target = value;
                return roAuto;
            case "readonly": case "ro":
                m.readOnly = bool(key, value);
                return false;
            case "readwrite": case "rw":
                m.readOnly = !bool(key, value);
                return false;
            case "required":
                requireSecretOrSsh(key, m);
                m.required = bool(key, value);
                return roAuto;
            case "size":
                if (m.type != MountType.TMPFS) {
                    throw unexpectedForType(key, m);
                }
                m.size = ByteSizes.ramInBytes(value);
                if (m.size < 0) {
                    throw fail("invalid value for " + key + ": " + value);
                }
                return roAuto;
            case "id":
                m.id = value;
                return roAuto;
            case "sharing":
                String sharing = value.toLowerCase(Locale.ROOT);
                if (!SHARING.contains(sharing)) {
                    throw fail(Suggestions.withSuggestion(
                            "unsupported sharing value " + GoText.quote(value), value, SHARING, true));
                }
                m.sharing = sharing;
                return roAuto;
            case "mode":
                m.mode = number(value, 8, "mode");
                return roAuto;
            case "uid":
                m.uid = number(value, 10, "uid");
                return roAuto;
            case "gid":
                m.gid = number(value, 10, "gid");
                return roAuto;
            case "env":
                m.env = value;
                return roAuto;
            default:
                throw fail(Suggestions.withSuggestion(
                        "unexpected key '" + key + "' in '" + field + "'", key, KEYS, true));
        }
    }

    private static RunMount validate(Builder m, boolean roAuto) {
        boolean fileInfoAllowed = m.type == MountType.SECRET || m.type == MountType.SSH
                || m.type == MountType.CACHE;
        if (!fileInfoAllowed) {
            String quoted = GoText.quote(m.type.id());
            if (m.mode != null) {
                throw fail("mode not allowed for " + quoted + " type mounts");
            }
            if (m.uid != null) {
                throw fail("uid not allowed for " + quoted + " type mounts");
            }
            if (m.gid != null) {
                throw fail("gid not allowed for " + quoted + " type mounts");
            }
        }
        if (roAuto) {
            m.readOnly = m.type != MountType.CACHE && m.type != MountType.TMPFS;
        }
        if (m.type == MountType.SECRET) {
            if (!empty(m.from)) {
                throw fail("secret mount should not have a from");
            }
            if (!empty(m.sharing)) {
                throw fail("secret mount should not define sharing");
            }
            if (empty(m.source) && empty(m.target) && empty(m.id)) {
                throw fail("invalid secret mount. one of source, target required");
            }
            if (!empty(m.source) && !empty(m.id)) {
                throw fail("both source and id can't be set");
            }
        }
        if (!empty(m.sharing) && m.type != MountType.CACHE) {
            throw fail("invalid cache sharing set for " + m.type.id() + " mount");
        }
        // BuildKit leaves sharing unset and treats that as shared for cache mounts.
        String sharing = m.type == MountType.CACHE ? (empty(m.sharing) ? "shared" : m.sharing) : null;
        return new RunMount(m.type, blankToNull(m.from), blankToNull(m.source), blankToNull(m.target),
                m.readOnly, blankToNull(m.id), sharing, m.mode, m.uid, m.gid, m.size, m.required, m.env);
    }

    private static void requireSecretOrSsh(String key, Builder m) {
        if (m.type != MountType.SECRET && m.type != MountType.SSH) {
            throw unexpectedForType(key, m);
        }
    }

    private static DockerfileException unexpectedForType(String key, Builder m) {
        return fail("unexpected key '" + key + "' for mount type '" + m.type.id() + "'");
    }

    private static boolean bool(String key, String value) {
        Boolean b = GoNumbers.parseBool(value);
        if (b == null) {
            throw fail("invalid value for " + key + ": " + value);
        }
        return b;
    }

    private static Integer number(String value, int radix, String what) {
        long n = GoNumbers.parseUint32(value, radix);
        if (n < 0) {
            throw fail("invalid value " + value + " for " + what);
        }
        return (int) n;
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    private static String blankToNull(String s) {
        return empty(s) ? null : s;
    }

    private static DockerfileException fail(String reason) {
        return new DockerfileException(reason);
    }

    /** The mount while its fields are read. */
    private static final class Builder {
        MountType type = MountType.BIND;
        String from;
        String source;
        String target;
        boolean readOnly;
        String id;
        String sharing;
        Integer mode;
        Integer uid;
        Integer gid;
        long size;
        boolean required;
        String env;
    }
}
