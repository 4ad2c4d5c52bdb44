package dev.stagecraft.frontend;

import dev.stagecraft.text.GoText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A git source as BuildKit's {@code dfgitutil.ParseGitRef} reads it: which strings are git
 * repositories at all, and the remote, ref, subdirectory and options they carry.
 *
 * <p>Accepted forms: {@code git://}, {@code ssh://}, {@code http(s)://} URLs whose (decoded) path
 * ends in {@code .git}, SCP-like {@code user@host:path}, and the deprecated
 * {@code github.com/org/repo}, which is {@link #indistinguishableFromLocal() indistinguishable
 * from a local path} and therefore not a git source for ADD/COPY. The fragment
 * {@code #ref:subdir} and the query keys {@code ref}, {@code tag}, {@code branch}, {@code subdir},
 * {@code checksum}/{@code commit}, {@code keep-git-dir} and {@code submodules} fill the fields.
 *
 * @param remote                     the repository without fragment and query
 * @param shortName                  the last path element without {@code .git}
 * @param ref                        branch, tag, commit or full ref; empty for the default branch
 * @param checksum                   the commit the checkout must resolve to; empty when not given
 * @param subDir                     the subdirectory to take; empty for the whole repository
 * @param indistinguishableFromLocal true for {@code github.com/...}, which also names a local path
 * @param unencryptedTcp             true for {@code git://} and {@code http://}
 * @param keepGitDir                 the URL's {@code keep-git-dir}, or null when absent
 * @param submodules                 the URL's {@code submodules}, or null when absent
 */
record GitRef(String remote, String shortName, String ref, String checksum, String subDir,
        boolean indistinguishableFromLocal, boolean unencryptedTcp, Boolean keepGitDir, Boolean submodules) {

    private static final Pattern PROTOCOL = Pattern.compile("^[a-zA-Z0-9]+://");
    private static final Set<String> PROTOCOLS = Set.of("http", "https", "ssh", "git");
    /** SCP-like syntax as BuildKit's sshutil matches it; the user part is required. */
    private static final Pattern SCP = Pattern.compile(
            "^([a-zA-Z0-9_-]+)@([a-zA-Z0-9.-]+):(.*?)(?:\\?(.*?))?(?:#(.*))?$");

    /** A string that is a git source but whose options are wrong (BuildKit's error text). */
    static final class InvalidGitRefException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidGitRefException(String message) {
            super(message);
        }
    }

    /**
     * Parses a source string.
     *
     * @return the git reference, or null when the string is not a git source
     * @throws InvalidGitRefException when it is a git source with bad or conflicting query keys
     */
    static GitRef parse(String s) {
        if (s.startsWith("./") || s.startsWith("../")) {
            return null;
        }
        Url url;
        boolean local = false;
        boolean unencrypted = false;
        if (s.startsWith("github.com/")) {
            local = true;
            // Go reads it as a path-only URL and only then gives it the https scheme.
            url = parseUrl("https", false, s);
        } else if (PROTOCOL.matcher(s).find()) {
            int sep = s.indexOf("://");
            String scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
            if (!PROTOCOLS.contains(scheme)) {
                return null;
            }
            url = parseUrl(scheme, true, s.substring(sep + 3));
            if (url == null) {
                return null;
            }
            unencrypted = scheme.equals("http") || scheme.equals("git");
            // An HTTP(S) URL is a repository only when its path, without query and fragment, ends in .git.
            if ((scheme.equals("http") || scheme.equals("https")) && !url.path.endsWith(".git")) {
                return null;
            }
        } else {
            url = parseScp(s);
        }
        if (url == null) {
            return null;
        }
        // The deprecated github.com form keeps its written shape, without the scheme it was parsed with.
        String remote = local ? url.remote.substring("https://".length()) : url.remote;
        String ref = "";
        String subDir = "";
        if (!url.fragment.isEmpty()) {
            int colon = url.fragment.indexOf(':');
            ref = colon < 0 ? url.fragment : url.fragment.substring(0, colon);
            subDir = colon < 0 ? "" : url.fragment.substring(colon + 1);
        }
        String[] parts = remote.split("/", -1);
        String last = parts[parts.length - 1];
        String shortName = last.endsWith(".git") ? last.substring(0, last.length() - 4) : last;
        return new Query(ref, subDir).apply(url.query, remote, shortName, local, unencrypted);
    }

    /** The parts of a URL BuildKit looks at; {@code remote} has no query and no fragment. */
    private record Url(String remote, String path, String fragment, Map<String, List<String>> query) {
    }

    /**
     * A URL with a scheme, read like Go's {@code url.Parse}: null when Go would refuse it (control
     * characters, a bad percent escape in the path or fragment, a non-numeric port).
     */
    private static Url parseUrl(String scheme, boolean hasAuthority, String rest) {
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return null;
            }
        }
        int hash = rest.indexOf('#');
        String rawFragment = hash < 0 ? "" : rest.substring(hash + 1);
        String beforeFragment = hash < 0 ? rest : rest.substring(0, hash);
        int q = beforeFragment.indexOf('?');
        String rawQuery = q < 0 ? "" : beforeFragment.substring(q + 1);
        String hostAndPath = q < 0 ? beforeFragment : beforeFragment.substring(0, q);
        String rawPath = hostAndPath;
        if (hasAuthority) {
            int slash = hostAndPath.indexOf('/');
            String authority = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
            rawPath = slash < 0 ? "" : hostAndPath.substring(slash);
            if (!validPort(authority)) {
                return null;
            }
        }
        String path = unescape(rawPath, false);
        String fragment = unescape(rawFragment, false);
        if (path == null || fragment == null) {
            return null;
        }
        return new Url(scheme + "://" + hostAndPath, path, fragment,
                lenientQuery(rawQuery));
    }

    private static boolean validPort(String authority) {
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                return false;
            }
            host = host.substring(close);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 || host.substring(colon + 1).chars().allMatch(Character::isDigit);
    }

    /** {@code user@host:path[?query][#fragment]}; a malformed query makes it no git URL at all. */
    private static Url parseScp(String s) {
        Matcher m = SCP.matcher(s);
        if (!m.matches()) {
            return null;
        }
        String rawQuery = m.group(4) == null ? "" : m.group(4);
        Map<String, List<String>> query = strictQuery(rawQuery);
        if (query == null) {
            return null;
        }
        String remote = m.group(1) + "@" + m.group(2) + ":" + m.group(3);
        return new Url(remote, m.group(3), m.group(5) == null ? "" : m.group(5), query);
    }

    /** Go's {@code URL.Query()}: pieces that do not decode are dropped silently. */
    private static Map<String, List<String>> lenientQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String piece : raw.split("&", -1)) {
            String[] kv = splitPair(piece);
            if (kv != null) {
                out.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
            }
        }
        return out;
    }

    /** Go's {@code url.ParseQuery} as the SCP parser uses it: any bad piece is an error (null). */
    private static Map<String, List<String>> strictQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String piece : raw.split("&", -1)) {
            if (piece.isEmpty()) {
                continue;
            }
            String[] kv = splitPair(piece);
            if (kv == null) {
                return null;
            }
            out.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
        }
        return out;
    }

    private static String[] splitPair(String piece) {
        if (piece.isEmpty() || piece.contains(";")) {
            return null;
        }
        int eq = piece.indexOf('=');
        String key = unescape(eq < 0 ? piece : piece.substring(0, eq), true);
        String value = unescape(eq < 0 ? "" : piece.substring(eq + 1), true);
        return key == null || value == null ? null : new String[] {key, value};
    }

    /** Percent-decoding as Go does it; {@code +} is a space only in queries. Null on a bad escape. */
    private static String unescape(String s, boolean query) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+' && query) {
                out.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** BuildKit's {@code loadQuery}: query keys on top of the fragment's ref and subdirectory. */
    private static final class Query {
        private String ref;
        private String subDir;
        private String checksum = "";
        private Boolean keepGitDir;
        private Boolean submodules;

        Query(String ref, String subDir) {
            this.ref = ref;
            this.subDir = subDir;
        }

        GitRef apply(Map<String, List<String>> query, String remote, String shortName, boolean local,
                boolean unencrypted) {
            String tag = "";
            String branch = "";
            for (Map.Entry<String, List<String>> e : query.entrySet()) {
                String k = e.getKey();
                List<String> v = e.getValue();
                if (v.size() > 1) {
                    throw invalid("query " + GoText.quote(k) + " has multiple values");
                }
                boolean flagOnly = v.get(0).isEmpty();
                if (flagOnly && !k.equals("submodules") && !k.equals("keep-git-dir")) {
                    throw invalid("query " + GoText.quote(k) + " has no value");
                }
                String value = v.get(0);
                switch (k) {
                    case "ref" -> {
                        if (!ref.isEmpty() && !ref.equals(value)) {
                            throw conflict("ref", ref, value);
                        }
                        ref = value;
                    }
                    case "tag" -> tag = value;
                    case "branch" -> branch = value;
                    case "subdir" -> {
                        if (!subDir.isEmpty() && !subDir.equals(value)) {
                            throw conflict("subdir", subDir, value);
                        }
                        subDir = value;
                    }
                    case "checksum", "commit" -> checksum = value;
                    case "keep-git-dir" -> keepGitDir = flagOnly || parseBool(k, value);
                    case "submodules" -> submodules = flagOnly || parseBool(k, value);
                    default -> throw invalid("unexpected query " + GoText.quote(k));
                }
            }
            if (!tag.isEmpty()) {
                tag = tag.startsWith("refs/tags/") ? tag : "refs/tags/" + tag;
                if (!ref.isEmpty() && !ref.equals(tag)) {
                    throw conflict("ref", ref, tag);
                }
                ref = tag;
            }
            if (!branch.isEmpty()) {
                if (!tag.isEmpty()) {
                    throw invalid("branch conflicts with tag");
                }
                branch = branch.startsWith("refs/heads/") ? branch : "refs/heads/" + branch;
                if (!ref.isEmpty() && !ref.equals(branch)) {
                    throw conflict("ref", ref, branch);
                }
                ref = branch;
            }
            if (!checksum.isEmpty() && ref.isEmpty()) {
                ref = checksum;
            }
            return new GitRef(remote, shortName, ref, checksum, subDir, local, unencrypted, keepGitDir, submodules);
        }

        /** Go's {@code strconv.ParseBool}. */
        private static boolean parseBool(String key, String value) {
            return switch (value) {
                case "1", "t", "T", "TRUE", "true", "True" -> true;
                case "0", "f", "F", "FALSE", "false", "False" -> false;
                default -> throw invalid("invalid " + key + " value: " + GoText.quote(value));
            };
        }

        private static InvalidGitRefException conflict(String what, String a, String b) {
            return invalid(what + " conflicts: " + GoText.quote(a) + " vs " + GoText.quote(b));
        }

        private static InvalidGitRefException invalid(String message) {
            return new InvalidGitRefException(message);
        }
    }
}
