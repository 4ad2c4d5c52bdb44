package dev.stagecraft.context;

/**
 * Go's {@code path/filepath.Match} on Unix, which BuildKit uses to expand COPY source wildcards one
 * path at a time: {@code *} matches any run of characters but {@code /}, {@code ?} one character
 * but {@code /}, {@code [...]} a class ({@code ^} negates, {@code a-z} ranges, {@code \} escapes),
 * and {@code \} escapes the next character. As in Go 1.16 and later, a malformed pattern is an
 * error even where the name already failed to match.
 */
public final class GoGlob {
    private GoGlob() {
    }

    /**
     * Whether {@code name} matches {@code pattern} as a whole.
     *
     * @throws InvalidPatternException {@code syntax error in pattern} for a malformed pattern
     */
    public static boolean match(String pattern, String name) {
        int[] p = pattern.codePoints().toArray();
        int[] s = name.codePoints().toArray();
        int pi = 0;
        int si = 0;
        while (pi < p.length) {
            boolean star = false;
            while (pi < p.length && p[pi] == '*') {
                pi++;
                star = true;
            }
            int chunkEnd = scanChunk(p, pi);
            if (star && chunkEnd == pi) {
                // A trailing star matches the rest unless it holds a separator.
                for (int i = si; i < s.length; i++) {
                    if (s[i] == '/') {
                        return false;
                    }
                }
                return true;
            }
            int rest = matchChunk(p, pi, chunkEnd, s, si);
            if (rest >= 0 && (rest == s.length || chunkEnd < p.length)) {
                si = rest;
                pi = chunkEnd;
                continue;
            }
            boolean found = false;
            if (star) {
                for (int i = si; i < s.length && s[i] != '/'; i++) {
                    int t = matchChunk(p, pi, chunkEnd, s, i + 1);
                    if (t >= 0) {
                        if (chunkEnd == p.length && t < s.length) {
                            continue;
                        }
                        si = t;
                        found = true;
                        break;
                    }
                }
            }
            if (found) {
                pi = chunkEnd;
                continue;
            }
            validateRest(p, chunkEnd);
            return false;
        }
        return si == s.length;
    }

    /** Whether {@code name} has an unescaped {@code *}, {@code ?} or {@code [} (BuildKit's {@code containsWildcards}). */
    public static boolean hasWildcards(String name) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == '*' || ch == '?' || ch == '[') {
                return true;
            }
        }
        return false;
    }

    /** Checks that a pattern is well formed, as moby's pattern matcher does with {@code Match(p, ".")}. */
    public static void validate(String pattern) {
        match(pattern, ".");
    }

    private static void validateRest(int[] p, int from) {
        int pi = from;
        while (pi < p.length) {
            while (pi < p.length && p[pi] == '*') {
                pi++;
            }
            int end = scanChunk(p, pi);
            matchChunk(p, pi, end, new int[0], 0);
            pi = end;
        }
    }

    private static int scanChunk(int[] p, int from) {
        boolean inRange = false;
        int i = from;
        for (; i < p.length; i++) {
            int c = p[i];
            if (c == '\\') {
                if (i + 1 < p.length) {
                    i++;
                }
            } else if (c == '[') {
                inRange = true;
            } else if (c == ']') {
                inRange = false;
            } else if (c == '*' && !inRange) {
                break;
            }
        }
        return i;
    }

    /** Matches one chunk at the start of {@code s[si..]}; the index after it, or -1. */
    private static int matchChunk(int[] p, int from, int to, int[] s, int si) {
        boolean failed = false;
        int ci = from;
        while (ci < to) {
            if (!failed && si >= s.length) {
                failed = true;
            }
            int c = p[ci];
            if (c == '[') {
                int r = 0;
                if (!failed) {
                    r = s[si++];
                }
                ci++;
                boolean negated = false;
                if (ci < to && p[ci] == '^') {
                    negated = true;
                    ci++;
                }
                boolean match = false;
                int ranges = 0;
                while (true) {
                    if (ci < to && p[ci] == ']' && ranges > 0) {
                        ci++;
                        break;
                    }
                    int[] lo = escaped(p, ci, to);
                    ci = lo[1];
                    int hi = lo[0];
                    if (p[ci] == '-') {
                        int[] h = escaped(p, ci + 1, to);
                        hi = h[0];
                        ci = h[1];
                    }
                    if (lo[0] <= r && r <= hi) {
                        match = true;
                    }
                    ranges++;
                }
                if (match == negated) {
                    failed = true;
                }
            } else if (c == '?') {
                if (!failed) {
                    if (s[si] == '/') {
                        failed = true;
                    }
                    si++;
                }
                ci++;
            } else {
                if (c == '\\') {
                    ci++;
                    if (ci >= to) {
                        throw bad();
                    }
                }
                if (!failed) {
                    if (p[ci] != s[si]) {
                        failed = true;
                    }
                    si++;
                }
                ci++;
            }
        }
        return failed ? -1 : si;
    }

    /** One class character, maybe escaped: {value, next index}; the class must go on after it. */
    private static int[] escaped(int[] p, int ci, int to) {
        if (ci >= to || p[ci] == '-' || p[ci] == ']') {
            throw bad();
        }
        if (p[ci] == '\\') {
            ci++;
            if (ci >= to) {
                throw bad();
            }
        }
        int value = p[ci];
        ci++;
        if (ci >= to) {
            throw bad();
        }
        return new int[] {value, ci};
    }

    private static InvalidPatternException bad() {
        return new InvalidPatternException("syntax error in pattern");
    }
}
