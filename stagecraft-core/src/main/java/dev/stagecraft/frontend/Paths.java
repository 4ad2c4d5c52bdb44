package dev.stagecraft.frontend;

import dev.stagecraft.text.GoText;

/** The path rules BuildKit applies to WORKDIR and COPY/ADD destinations. */
final class Paths {
    private Paths() {
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
            return GoText.clean(GoText.pathJoin("/", current == null ? "" : current, requested));
        }
        return GoText.clean(requested);
    }

    /**
     * The absolute destination of a COPY/ADD (BuildKit's {@code pathRelativeToWorkingDir}):
     * relative paths are joined to the working directory, and a trailing {@code /} or {@code /.}
     * (meaning "into a directory") is kept.
     */
    static String destination(String workdir, String dest) {
        String orig = dest.equals(".") || dest.isEmpty() ? "./" : dest;
        String p = isAbsolute(orig) ? GoText.clean(orig) : GoText.clean(GoText.pathJoin("/", workdir, orig));
        if (orig.endsWith("/") && !p.endsWith("/")) {
            p += "/";
        } else if (orig.endsWith("/.")) {
            p = (p.equals("/") ? p : p + "/") + ".";
        }
        return p;
    }
}
