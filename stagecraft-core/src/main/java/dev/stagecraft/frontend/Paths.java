package dev.stagecraft.frontend;

import java.util.ArrayDeque;
import java.util.Deque;

/** Slash-separated path arithmetic with Go's {@code path.Clean} / {@code path.Join} semantics. */
final class Paths {
    private Paths() {
    }

    /** Go's {@code path.Clean}: the shortest equivalent path; "" becomes ".". */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                    parts.removeLast();
                } else if (!rooted) {
                    parts.addLast("..");
                }
                continue;
            }
            parts.addLast(part);
        }
        String joined = String.join("/", parts);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** Go's {@code path.Join}: joins the non-empty elements and cleans the result. */
    static String join(String... elements) {
        StringBuilder sb = new StringBuilder();
        for (String e : elements) {
            if (e == null || e.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(e);
        }
        return sb.length() == 0 ? "" : clean(sb.toString());
    }

    static boolean isAbsolute(String path) {
        return path.startsWith("/");
    }

    /**
     * BuildKit's {@code NormalizeWorkdir}: a relative WORKDIR is joined to the current one; the
     * result is always absolute and clean.
     */
    static String normalizeWorkdir(String current, String requested) {
        if (!isAbsolute(requested)) {
            return clean(join("/", current == null ? "" : current, requested));
        }
        return clean(requested);
    }

    /**
     * The absolute destination of a COPY/ADD (BuildKit's {@code pathRelativeToWorkingDir}):
     * relative paths are joined to the working directory, and a trailing {@code /} or {@code /.}
     * (meaning "into a directory") is kept.
     */
    static String destination(String workdir, String dest) {
        String orig = dest.equals(".") || dest.isEmpty() ? "./" : dest;
        String p = isAbsolute(orig) ? clean(orig) : clean(join("/", workdir, orig));
        if (orig.endsWith("/") && !p.endsWith("/")) {
            p += "/";
        } else if (orig.endsWith("/.")) {
            p = (p.equals("/") ? p : p + "/") + ".";
        }
        return p;
    }
}
