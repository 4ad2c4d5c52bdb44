package dev.stagecraft.frontend;

import dev.stagecraft.text.GoText;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tells remote ADD sources apart from local paths, as BuildKit's {@code isGitSource} and
 * {@code isHTTPSource} do: both rest on {@link GitRef}.
 */
final class SourceKinds {
    private SourceKinds() {
    }

    /**
     * Whether BuildKit's checksum check counts {@code src} as a git source: any string
     * {@link GitRef} accepts without error, including the {@code github.com/...} form that the copy
     * itself then treats as a local path.
     */
    static boolean isGit(String src) {
        try {
            return GitRef.parse(src) != null;
        } catch (GitRef.InvalidGitRefException e) {
            // A git URL with bad options is no git source here; the copy reports the options.
            return false;
        }
    }

    /** An {@code http(s)://} URL that is not a git repository. */
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

    private static final Pattern DIGEST = Pattern.compile(
            "^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$");
    private static final Map<String, Integer> HEX_LENGTHS = Map.of("sha256", 64, "sha384", 96,
            "sha512", 128);

    /**
     * Checks an HTTP {@code --checksum} the way go-digest's {@code digest.Parse} does.
     *
     * @return null when valid, else go-digest's error text
     */
    static String digestError(String checksum) {
        int colon = checksum.indexOf(':');
        if (colon < 0 || colon == checksum.length() - 1) {
            return "invalid checksum digest format";
        }
        String encoded = checksum.substring(colon + 1);
        Integer length = HEX_LENGTHS.get(checksum.substring(0, colon));
        if (length == null) {
            // An unknown algorithm is only "unsupported" when the whole string is well formed.
            return DIGEST.matcher(checksum).matches() ? "unsupported digest algorithm"
                    : "invalid checksum digest format";
        }
        if (encoded.length() != length) {
            return "invalid checksum digest length";
        }
        return encoded.matches("[a-f0-9]+") ? null : "invalid checksum digest format";
    }
}
