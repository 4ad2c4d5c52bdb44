package dev.stagecraft.context;

import dev.stagecraft.text.GoText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Docker's {@code .dockerignore} pattern matching ({@code moby/patternmatcher}), used for ignore
 * files, {@code COPY --exclude} and the include patterns of {@code COPY --parents}.
 *
 * <p>Each pattern is cleaned like Go's {@code filepath.Clean}; a leading {@code !} makes it an
 * exception. Patterns are tried in order and the last one that matches decides. {@code *} and
 * {@code ?} never match {@code /}; {@code **} matches any number of directories (zero included);
 * {@code [...]} is a character class; {@code \} escapes. A path also matches when one of its
 * parent directories matches, so {@code dir} covers {@code dir/a/b}.
 */
public final class PatternMatcher {
    private final List<Entry> patterns;
    private final boolean exclusions;

    /** One cleaned pattern. */
    public static final class Entry {
        private enum Kind { EXACT, PREFIX, SUFFIX, REGEX }

        private final String cleaned;
        private final boolean exclusion;
        private final Kind kind;
        private final Pattern regex;

        Entry(String cleaned, boolean exclusion) {
            this.cleaned = cleaned;
            this.exclusion = exclusion;
            Kind detected = Kind.EXACT;
            StringBuilder re = new StringBuilder("^");
            int[] cps = cleaned.codePoints().toArray();
            boolean inClass = false;
            for (int i = 0; i < cps.length; i++) {
                int start = i;
                int ch = cps[i];
                if (ch == '*') {
                    if (i + 1 < cps.length && cps[i + 1] == '*') {
                        i++;
                        if (i + 1 < cps.length && cps[i + 1] == '/') {
                            i++;
                        }
                        if (i + 1 >= cps.length) {
                            if (detected == Kind.EXACT) {
                                detected = Kind.PREFIX;
                            } else {
                                re.append(".*");
                                detected = Kind.REGEX;
                            }
                        } else {
                            re.append("(.*/)?");
                            detected = Kind.REGEX;
                        }
                        if (start == 0) {
                            detected = Kind.SUFFIX; // a leading "**" matches by suffix
                        }
                    } else {
                        re.append("[^/]*");
                        detected = Kind.REGEX;
                    }
                } else if (ch == '?') {
                    re.append("[^/]");
                    detected = Kind.REGEX;
                } else if (".+()|{}$".indexOf(ch) >= 0) {
                    re.append('\\').appendCodePoint(ch);
                } else if (ch == '\\') {
                    if (i + 1 < cps.length) {
                        re.append('\\').appendCodePoint(cps[++i]);
                        detected = Kind.REGEX;
                    } else {
                        re.append("\\\\");
                    }
                } else if (ch == '[' || ch == ']') {
                    if (ch == '[' && inClass) {
                        re.append("\\["); // Go reads '[' in a class as itself; Java would nest
                    } else {
                        re.append((char) ch);
                        inClass = ch == '[';
                    }
                    detected = Kind.REGEX;
                } else if (ch == '&' && inClass) {
                    re.append("\\&"); // Java's class intersection "&&" means nothing in Go
                } else {
                    re.appendCodePoint(ch);
                }
            }
            this.kind = detected;
            Pattern compiled = null;
            if (detected == Kind.REGEX) {
                try {
                    compiled = Pattern.compile(re.append('$').toString(), Pattern.DOTALL);
                } catch (PatternSyntaxException e) {
                    throw new InvalidPatternException("syntax error in pattern: " + GoText.quote(cleaned));
                }
            }
            this.regex = compiled;
        }

        /** The cleaned pattern, without its {@code !}. */
        public String pattern() {
            return cleaned;
        }

        /** Whether this is an exception ({@code !pattern}). */
        public boolean exclusion() {
            return exclusion;
        }

        boolean matches(String path) {
            return switch (kind) {
                case EXACT -> path.equals(cleaned);
                case PREFIX -> path.startsWith(cleaned.substring(0, cleaned.length() - 2));
                case SUFFIX -> suffixMatch(path);
                case REGEX -> regex.matcher(path).matches();
            };
        }

        private boolean suffixMatch(String path) {
            String suffix = cleaned.substring(2);
            if (path.endsWith(suffix)) {
                return true;
            }
            return suffix.startsWith("/") && path.equals(suffix.substring(1));
        }
    }

    /** What a directory's patterns matched, handed to its children (moby's {@code MatchInfo}). */
    public static final class MatchInfo {
        static final MatchInfo NONE = new MatchInfo(new boolean[0]);
        final boolean[] parentMatched;

        MatchInfo(boolean[] parentMatched) {
            this.parentMatched = parentMatched;
        }
    }

    /** A match result and the info to pass to the children of the path. */
    public record Result(boolean matched, MatchInfo info) {
    }

    private PatternMatcher(List<Entry> patterns, boolean exclusions) {
        this.patterns = List.copyOf(patterns);
        this.exclusions = exclusions;
    }

    /**
     * Compiles the patterns (blank ones are skipped).
     *
     * @throws InvalidPatternException for {@code !} alone ({@code illegal exclusion pattern: "!"})
     *     or a pattern Go's {@code filepath.Match} rejects
     */
    public static PatternMatcher compile(List<String> patterns) {
        List<Entry> out = new ArrayList<>();
        boolean exclusions = false;
        for (String raw : patterns) {
            String p = raw.strip();
            if (p.isEmpty()) {
                continue;
            }
            p = GoText.clean(p);
            boolean exclusion = false;
            if (p.charAt(0) == '!') {
                if (p.length() == 1) {
                    throw new InvalidPatternException("illegal exclusion pattern: \"!\"");
                }
                exclusion = true;
                exclusions = true;
                p = p.substring(1);
            }
            GoGlob.validate(p);
            out.add(new Entry(p, exclusion));
        }
        return new PatternMatcher(out, exclusions);
    }

    /** The compiled patterns, in order. */
    public List<Entry> patterns() {
        return patterns;
    }

    /** Whether any pattern is an exception. */
    public boolean hasExclusions() {
        return exclusions;
    }

    /** Whether there are no patterns at all. */
    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /**
     * Whether {@code path} (slash separated, relative) or one of its parents matches, the last
     * matching pattern deciding (moby's {@code MatchesOrParentMatches}).
     */
    public boolean matches(String path) {
        return matchesUsingParent(path, MatchInfo.NONE).matched();
    }

    /**
     * Matches {@code path} given what its parent directory matched; with {@link #rootInfo()}
     * parents are checked by name as {@link #matches} does (moby's {@code MatchesUsingParentResults}).
     */
    public Result matchesUsingParent(String path, MatchInfo parent) {
        boolean[] parentMatched = parent.parentMatched;
        boolean[] info = new boolean[patterns.size()];
        boolean matched = false;
        for (int i = 0; i < patterns.size(); i++) {
            Entry pattern = patterns.get(i);
            boolean match = parentMatched.length != 0 && parentMatched[i];
            if (!match) {
                if (pattern.exclusion != matched) {
                    continue;
                }
                match = pattern.matches(path);
                if (!match && parentMatched.length == 0) {
                    int slash = path.lastIndexOf('/');
                    if (slash > 0) {
                        String[] dirs = path.substring(0, slash).split("/");
                        StringBuilder prefix = new StringBuilder();
                        for (String d : dirs) {
                            if (prefix.length() > 0) {
                                prefix.append('/');
                            }
                            prefix.append(d);
                            if (pattern.matches(prefix.toString())) {
                                match = true;
                                break;
                            }
                        }
                    }
                }
            }
            info[i] = match;
            if (match) {
                matched = !pattern.exclusion;
            }
        }
        return new Result(matched, new MatchInfo(info));
    }

    /** The info to start a walk with: nothing known about parents. */
    public static MatchInfo rootInfo() {
        return MatchInfo.NONE;
    }

    @Override
    public String toString() {
        return Arrays.toString(patterns.stream().map(e -> (e.exclusion ? "!" : "") + e.cleaned).toArray());
    }
}
