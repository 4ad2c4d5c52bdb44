package dev.stagecraft.frontend;

import dev.stagecraft.text.GoText;
import java.util.regex.Pattern;

/**
 * Tells remote ADD sources apart from local paths: git repositories and HTTP(S) URLs, following
 * the forms BuildKit's git reference parser accepts.
 */
final class SourceKinds {
    private static final Pattern SCP_LIKE = Pattern.compile("^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:.+");

    private SourceKinds() {
    }

    static boolean isGit(String src) {
        String s = withoutFragment(src);
        if (s.startsWith("git://") || s.startsWith("ssh://") || s.startsWith("git@") || SCP_LIKE.matcher(s).matches()) {
            return true;
        }
        if (s.startsWith("http://") || s.startsWith("https://")) {
            return s.endsWith(".git") || s.endsWith(".git/");
        }
        return s.startsWith("github.com/");
    }

    static boolean isHttp(String src) {
        return (src.startsWith("http://") || src.startsWith("https://")) && !isGit(src);
    }

    /** The file name an HTTP download gets: the last path segment, or {@code __unnamed__}. */
    static String httpFileName(String url) {
        try {
            String path = java.net.URI.create(url).getPath();
            if (path != null) {
                String clean = GoText.clean(path);
                String base = clean.substring(clean.lastIndexOf('/') + 1);
                if (!base.isEmpty() && !base.equals(".")) {
                    return base;
                }
            }
        } catch (IllegalArgumentException e) {
            // An unparsable URL still downloads; it just has no name to take.
        }
        return "__unnamed__";
    }

    /** A git source split into remote, ref and subdirectory ({@code url#ref:subdir}). */
    record GitSource(String remote, String ref, String subdir) {
        static GitSource parse(String src) {
            int hash = src.indexOf('#');
            if (hash < 0) {
                return new GitSource(src, null, null);
            }
            String fragment = src.substring(hash + 1);
            String remote = src.substring(0, hash);
            int colon = fragment.indexOf(':');
            String ref = colon < 0 ? fragment : fragment.substring(0, colon);
            String subdir = colon < 0 ? null : fragment.substring(colon + 1);
            return new GitSource(remote, ref.isEmpty() ? null : ref, subdir == null || subdir.isEmpty() ? null : subdir);
        }
    }

    private static String withoutFragment(String src) {
        int hash = src.indexOf('#');
        return hash < 0 ? src : src.substring(0, hash);
    }
}
