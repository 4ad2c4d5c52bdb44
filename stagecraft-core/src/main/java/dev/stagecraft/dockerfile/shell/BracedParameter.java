package dev.stagecraft.dockerfile.shell;

/**
 * Reads and evaluates one {@code ${...}} form, starting just after the {@code ${}.
 *
 * <p>Supported: {@code ${x}}, {@code ${x-w}}, {@code ${x:-w}}, {@code ${x+w}}, {@code ${x:+w}},
 * {@code ${x?m}}, {@code ${x:?m}}, {@code ${x#p}}, {@code ${x##p}}, {@code ${x%p}},
 * {@code ${x%%p}}, {@code ${x/p/r}} and {@code ${x//p/r}}. The word, pattern or replacement is
 * itself scanned (so it may hold quotes and nested expansions) up to the first {@code }} that is
 * not part of a nested form. Anything else is {@code unsupported modifier}.
 */
final class BracedParameter {
    private static final String MISSING_BRACE = "syntax error: missing '}'";

    private final WordScanner sc;

    BracedParameter(WordScanner scanner) {
        this.sc = scanner;
    }

    String expand() {
        switch (sc.peek()) {
            case RuneScanner.EOF:
                throw new ExpansionFailure(MISSING_BRACE);
            case '{', '}', ':':
                // ${{x}, ${}, ${:...}: no name where one is required
                throw new ExpansionFailure("syntax error: bad substitution");
            default:
                break;
        }
        String name = sc.readName();
        int op = sc.next();
        String ops = Runes.runeString(op);
        switch (op) {
            case '}':
                return plain(name);
            case '/':
                return substitute(name);
            case ':':
                int after = sc.next();
                return modifier(name, after, ops + Runes.runeString(after), true);
            case '+', '-', '?', '#', '%':
                return modifier(name, op, ops, false);
            default:
                // Includes the end of input right after the name: BuildKit reports it this way too.
                throw unsupported(ops);
        }
    }

    private String plain(String name) {
        String value = sc.lookup(name);
        if (value == null && sc.skipUnsetEnv()) {
            return "${" + name + "}";
        }
        return value == null ? "" : value;
    }

    /**
     * The {@code -}, {@code +}, {@code ?}, {@code #} and {@code %} forms. {@code colon} (the
     * {@code :} variants) makes a set-but-empty value count as unset.
     */
    private String modifier(String name, int op, String ops, boolean colon) {
        boolean isPattern = op == '#' || op == '%';
        if (colon && isPattern) {
            throw unsupported(ops); // ${x:#p} and ${x:%p} do not exist
        }
        String word = scanToBrace(isPattern);
        String value = sc.lookup(name);
        if (value == null && sc.skipUnsetEnv()) {
            return "${" + name + ops + word + "}";
        }
        boolean unset = value == null || (colon && value.isEmpty());
        String current = value == null ? "" : value;
        switch (op) {
            case '-':
                return unset ? word : current;
            case '+':
                return unset ? "" : word;
            case '?':
                if (value == null) {
                    throw required(name, word, "is not allowed to be unset");
                }
                if (unset) {
                    throw required(name, word, "is not allowed to be empty");
                }
                return current;
            case '#', '%':
                // A doubled operator (## or %%) asks for the longest match.
                boolean greedy = !word.isEmpty() && word.charAt(0) == op;
                String pattern = greedy ? word.substring(1) : word;
                return op == '#'
                        ? ShellPattern.trimPrefix(pattern, current, greedy)
                        : ShellPattern.trimSuffix(pattern, current, greedy);
            default:
                // e.g. ${x:=w}: the word was still read, as BuildKit does, before refusing
                throw unsupported(ops);
        }
    }

    /** {@code ${x/p/r}} and {@code ${x//p/r}}: both parts are read with escapes kept. */
    private String substitute(String name) {
        boolean all = sc.peek() == '/';
        if (all) {
            sc.next();
        }
        String pattern;
        try {
            pattern = sc.scanUntil('/', true).text();
        } catch (ExpansionFailure e) {
            if (sc.peek() == RuneScanner.EOF) {
                throw new ExpansionFailure("syntax error: missing '/' in ${}");
            }
            throw e;
        }
        String replacement = scanToBrace(true);
        String value = sc.lookup(name);
        if (value == null && sc.skipUnsetEnv()) {
            // Like BuildKit, the unexpanded form is rebuilt with a single slash even for //.
            return "${" + name + "/" + pattern + "/" + replacement + "}";
        }
        String current = value == null ? "" : value;
        return all
                ? ShellPattern.replaceAll(pattern, current, replacement)
                : ShellPattern.replaceFirst(pattern, current, replacement);
    }

    /** Scans the word of a form up to its closing brace; running out of input is a missing brace. */
    private String scanToBrace(boolean keepEscapes) {
        try {
            return sc.scanUntil('}', keepEscapes).text();
        } catch (ExpansionFailure e) {
            // Any failure that consumed the rest of the input (an unclosed quote included) is
            // reported as the missing brace, as BuildKit does.
            if (sc.peek() == RuneScanner.EOF) {
                throw new ExpansionFailure(MISSING_BRACE);
            }
            throw e;
        }
    }

    private static ExpansionFailure unsupported(String ops) {
        return new ExpansionFailure("unsupported modifier (" + ops + ") in substitution");
    }

    private static ExpansionFailure required(String name, String message, String fallback) {
        return new ExpansionFailure(name + ": " + (message.isEmpty() ? fallback : message));
    }
}
