package dev.stagecraft.reference;

/**
 * Recognises the reference grammar of {@code github.com/distribution/reference}:
 *
 * <pre>
 * reference        := name [ ":" tag ] [ "@" digest ]
 * name             := [ domain "/" ] remote-name
 * domain           := host [ ":" port ]          host := domain-name | "[" ipv6 "]"
 * domain-name      := component ( "." component )*   component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
 * remote-name      := path-component ( "/" path-component )*
 * path-component   := [a-z0-9]+ ( separator [a-z0-9]+ )*   separator := "." | "_" | "__" | "-"+
 * tag              := [\w][\w.-]{0,127}
 * digest           := algorithm ":" [0-9a-fA-F]{32,}
 * algorithm        := [A-Za-z][A-Za-z0-9]* ( [-_+.] [A-Za-z][A-Za-z0-9]* )*
 * </pre>
 *
 * <p>Written as scanners rather than {@link java.util.regex.Pattern}s: Java's backtracking engine
 * recurses once per repetition of a group, so a long hostile {@code FROM} line could overflow the
 * stack, where Go's RE2 runs in linear time. Where the grammar is ambiguous the scanners choose as
 * the upstream regular expression does (leftmost-first: a domain is tried before a bare path).
 */
final class ReferenceGrammar {

    /** The parts of a reference that matched, with absent parts as empty strings. */
    record Parts(String domain, String path, String tag, String digest) {}

    private ReferenceGrammar() {}

    /** Splits {@code s} into its parts, or returns null when it is not a reference. */
    static Parts match(String s) {
        String rest = s;
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            if (!isDigest(digest)) {
                return null;
            }
            rest = rest.substring(0, at);
        }
        // A tag never holds '/' and a name holds ':' only before a '/', so a ':' after the last
        // '/' can only start the tag.
        String tag = "";
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            if (!isTag(tag)) {
                return null;
            }
            rest = rest.substring(0, colon);
        }
        String[] name = splitName(rest);
        return name == null ? null : new Parts(name[0], name[1], tag, digest);
    }

    /** Splits a name into {domain, path}; the domain is empty when the name has none. */
    static String[] splitName(String name) {
        int slash = name.indexOf('/');
        if (slash >= 0 && isDomainAndPort(name.substring(0, slash)) && isRemoteName(name.substring(slash + 1))) {
            return new String[] {name.substring(0, slash), name.substring(slash + 1)};
        }
        return isRemoteName(name) ? new String[] {"", name} : null;
    }

    /** A 64 lower-case hex identifier, which docker refuses as a repository name. */
    static boolean isIdentifier(String s) {
        return s.length() == 64 && allMatch(s, 0, s.length(), ReferenceGrammar::isLowerHex);
    }

    static boolean isTag(String s) {
        if (s.isEmpty() || s.length() > 128 || !isWord(s.charAt(0))) {
            return false;
        }
        return allMatch(s, 1, s.length(), c -> isWord(c) || c == '.' || c == '-');
    }

    /** The reference grammar's digest: an algorithm, ':' and at least 32 hex digits of either case. */
    static boolean isDigest(String s) {
        int colon = s.indexOf(':');
        if (colon < 0 || !isAlgorithm(s.substring(0, colon))) {
            return false;
        }
        return s.length() - colon - 1 >= 32 && allMatch(s, colon + 1, s.length(), ReferenceGrammar::isHex);
    }

    private static boolean isAlgorithm(String s) {
        int i = 0;
        while (true) {
            if (i >= s.length() || !isAsciiLetter(s.charAt(i))) {
                return false;
            }
            i++;
            while (i < s.length() && (isAsciiLetter(s.charAt(i)) || isDigit(s.charAt(i)))) {
                i++;
            }
            if (i == s.length()) {
                return true;
            }
            if ("-_+.".indexOf(s.charAt(i)) < 0) {
                return false;
            }
            i++;
        }
    }

    static boolean isDomainAndPort(String s) {
        String host = s;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 2 || !allMatch(s, 1, close, c -> isHex(c) || c == ':')) {
                return false;
            }
            return isOptionalPort(s.substring(close + 1));
        }
        int colon = s.indexOf(':');
        if (colon >= 0) {
            host = s.substring(0, colon);
            if (!isOptionalPort(s.substring(colon))) {
                return false;
            }
        }
        return isDomainName(host);
    }

    private static boolean isOptionalPort(String s) {
        return s.isEmpty()
                || s.length() > 1 && s.charAt(0) == ':' && allMatch(s, 1, s.length(), ReferenceGrammar::isDigit);
    }

    private static boolean isDomainName(String s) {
        for (String component : s.split("\\.", -1)) {
            if (component.isEmpty()
                    || !isAlnum(component.charAt(0))
                    || !isAlnum(component.charAt(component.length() - 1))
                    || !allMatch(component, 0, component.length(), c -> isAlnum(c) || c == '-')) {
                return false;
            }
        }
        return true;
    }

    static boolean isRemoteName(String s) {
        for (String component : s.split("/", -1)) {
            if (!isPathComponent(component)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPathComponent(String s) {
        int i = 0;
        while (true) {
            int runStart = i;
            while (i < s.length() && isLowerAlnum(s.charAt(i))) {
                i++;
            }
            if (i == runStart) {
                return false;
            }
            if (i == s.length()) {
                return true;
            }
            int sepStart = i;
            while (i < s.length() && !isLowerAlnum(s.charAt(i))) {
                i++;
            }
            if (!isSeparator(s.substring(sepStart, i))) {
                return false;
            }
        }
    }

    private static boolean isSeparator(String s) {
        return s.equals(".") || s.equals("_") || s.equals("__") || s.chars().allMatch(c -> c == '-');
    }

    private interface CharTest {
        boolean test(char c);
    }

    private static boolean allMatch(String s, int from, int to, CharTest test) {
        for (int i = from; i < to; i++) {
            if (!test.test(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isAlnum(char c) {
        return isAsciiLetter(c) || isDigit(c);
    }

    private static boolean isLowerAlnum(char c) {
        return c >= 'a' && c <= 'z' || isDigit(c);
    }

    private static boolean isWord(char c) {
        return isAlnum(c) || c == '_';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isLowerHex(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f';
    }
}
