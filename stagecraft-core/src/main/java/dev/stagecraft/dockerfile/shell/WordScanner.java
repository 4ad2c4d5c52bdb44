package dev.stagecraft.dockerfile.shell;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The state of one expansion call: the input position, the environment, the variables looked up
 * so far, and whether escapes are currently kept. {@link ShellLex} creates one per call, so a
 * {@code ShellLex} stays immutable and thread-safe.
 *
 * <p>The scan is a recursive descent mirroring BuildKit's: {@link #scanUntil} reads text up to a
 * stop character, handing {@code $}, quotes and {@code <<} to their readers; {@code ${...}}
 * bodies are read by {@link BracedParameter}, which calls back into {@link #scanUntil}.
 */
final class WordScanner {
    /** The text and the split words of one {@link #scanUntil} run. */
    record Scanned(String text, List<String> words) {
    }

    private final ShellLex lex;
    private final ShellEnv env;
    private final RuneScanner in;
    private final Set<String> matched = new LinkedHashSet<>();
    private final Set<String> unmatched = new LinkedHashSet<>();
    private boolean rawEscapes;
    private int depth;

    WordScanner(ShellLex lex, ShellEnv env, String word) {
        this.lex = lex;
        this.env = env;
        this.in = new RuneScanner(word);
        this.rawEscapes = lex.rawEscapes();
    }

    /** Scans the whole word. */
    Scanned scanAll() {
        return scanUntil(RuneScanner.EOF, rawEscapes);
    }

    Set<String> matched() {
        return matched;
    }

    Set<String> unmatched() {
        return unmatched;
    }

    boolean skipUnsetEnv() {
        return lex.skipUnsetEnv();
    }

    int peek() {
        return in.peek();
    }

    int next() {
        return in.next();
    }

    /**
     * Reads up to {@code stopChar} (consumed) or, when it is {@link RuneScanner#EOF}, to the end.
     * {@code keepEscapes} applies for the duration of this run only: BuildKit reads the pattern
     * and replacement of {@code ${x#p}}/{@code ${x/p/r}} with escapes kept, so that the glob
     * translator still sees {@code \*}.
     *
     * @throws ExpansionFailure when the input ends before {@code stopChar}
     */
    Scanned scanUntil(int stopChar, boolean keepEscapes) {
        if (depth >= MAX_DEPTH) {
            // BuildKit's Go stack grows; a Java one overflows, so deep nesting is refused instead.
            throw new ExpansionFailure("too many nested ${} (more than " + (MAX_DEPTH - 1) + ")");
        }
        boolean saved = rawEscapes;
        rawEscapes = keepEscapes;
        depth++;
        try {
            return scan(stopChar);
        } finally {
            depth--;
            rawEscapes = saved;
        }
    }

    /** The deepest {@code ${...}} nesting accepted (plus the word itself), far below a stack overflow. */
    static final int MAX_DEPTH = 101;

    private Scanned scan(int stopChar) {
        StringBuilder result = new StringBuilder();
        WordSplitter words = new WordSplitter();
        while (in.peek() != RuneScanner.EOF) {
            int ch = in.peek();
            if (stopChar != RuneScanner.EOF && ch == stopChar) {
                in.next();
                return new Scanned(result.toString(), words.words());
            }
            String special = readSpecial(ch);
            if (special != null) {
                result.append(special);
                ExpansionFailure.checkLength(result.length());
                if (ch == '$') {
                    words.addString(special); // unquoted expansion results are split
                } else {
                    words.addRawString(special);
                }
                continue;
            }
            ch = in.next();
            if (ch == lex.escape()) {
                if (rawEscapes) {
                    words.addRawChar(ch);
                    result.appendCodePoint(ch);
                }
                ch = in.next();
                if (ch == RuneScanner.EOF) {
                    break; // a trailing escape char is dropped
                }
                words.addRawChar(ch);
            } else {
                words.addChar(ch);
            }
            result.appendCodePoint(ch);
        }
        if (stopChar != RuneScanner.EOF) {
            throw new ExpansionFailure(
                    "unexpected end of statement while looking for matching " + Runes.runeString(stopChar));
        }
        return new Scanned(result.toString(), words.words());
    }

    /** Reads a {@code $}, quote or {@code <} construct starting at {@code ch}; null for other chars. */
    private String readSpecial(int ch) {
        if (ch == '$') {
            return readDollar();
        }
        if (ch == '<') {
            return readPossibleHeredoc();
        }
        if (!lex.skipProcessQuotes()) {
            if (ch == '\'') {
                return readSingleQuoted();
            }
            if (ch == '"') {
                return readDoubleQuoted();
            }
        }
        return null;
    }

    /** {@code '...'}: everything literal, and the quote itself cannot be escaped. */
    private String readSingleQuoted() {
        StringBuilder result = new StringBuilder();
        int quote = in.next();
        if (lex.rawQuotes()) {
            result.appendCodePoint(quote);
        }
        while (true) {
            int ch = in.next();
            if (ch == RuneScanner.EOF) {
                throw new ExpansionFailure("unexpected end of statement while looking for matching single-quote");
            }
            if (ch == '\'') {
                if (lex.rawQuotes()) {
                    result.appendCodePoint(ch);
                }
                return result.toString();
            }
            result.appendCodePoint(ch);
        }
    }

    /**
     * {@code "..."}: {@code $} expands; the escape char escapes only {@code "}, {@code $} and
     * itself, and is kept literally before anything else (as in sh).
     */
    private String readDoubleQuoted() {
        StringBuilder result = new StringBuilder();
        int quote = in.next();
        if (lex.rawQuotes()) {
            result.appendCodePoint(quote);
        }
        while (true) {
            int ch = in.peek();
            if (ch == RuneScanner.EOF) {
                throw new ExpansionFailure("unexpected end of statement while looking for matching double-quote");
            }
            if (ch == '"') {
                in.next();
                if (lex.rawQuotes()) {
                    result.appendCodePoint(ch);
                }
                return result.toString();
            }
            if (ch == '$') {
                result.append(readDollar());
                continue;
            }
            ch = in.next();
            if (ch == lex.escape()) {
                if (rawEscapes) {
                    result.appendCodePoint(ch);
                }
                int after = in.peek();
                if (after == RuneScanner.EOF) {
                    continue; // the loop then reports the missing closing quote
                }
                if (after == '"' || after == '$' || after == lex.escape()) {
                    ch = in.next();
                }
                // Otherwise the escape char stays literal and is appended below; in raw mode it
                // thus appears twice, as it does in BuildKit.
            }
            result.appendCodePoint(ch);
        }
    }

    /**
     * {@code <<} is passed through together with the blanks after it, so that heredoc detection
     * sees {@code << EOF} as one word. A single {@code <} is an ordinary character.
     */
    private String readPossibleHeredoc() {
        in.next();
        if (in.peek() != '<') {
            return "<";
        }
        in.next();
        StringBuilder result = new StringBuilder("<<");
        while (isHeredocBlank(in.peek())) {
            result.appendCodePoint(in.next());
        }
        return result.toString();
    }

    private static boolean isHeredocBlank(int ch) {
        return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
    }

    /** {@code $name}, {@code $1}, {@code $@} or {@code ${...}}; a {@code $} before anything else is literal. */
    private String readDollar() {
        in.next();
        if (in.peek() == '{') {
            in.next();
            return new BracedParameter(this).expand();
        }
        String name = readName();
        if (name.isEmpty()) {
            return "$";
        }
        String value = lookup(name);
        if (value == null && lex.skipUnsetEnv()) {
            return "$" + name;
        }
        return value == null ? "" : value;
    }

    /**
     * A parameter name: a run of Unicode letters, digits and {@code _}; or, when it starts with a
     * digit, the run of digits (positional); or one special parameter char. Empty when none.
     */
    String readName() {
        StringBuilder name = new StringBuilder();
        while (in.peek() != RuneScanner.EOF) {
            int ch = in.peek();
            if (name.length() == 0 && Runes.isDigit(ch)) {
                while (Runes.isDigit(in.peek())) {
                    name.appendCodePoint(in.next());
                }
                return name.toString();
            }
            if (name.length() == 0 && isSpecialParameter(ch)) {
                return Runes.runeString(in.next());
            }
            if (!Runes.isLetter(ch) && !Runes.isDigit(ch) && ch != '_') {
                break;
            }
            name.appendCodePoint(in.next());
        }
        return name.toString();
    }

    /** POSIX special parameters; a Dockerfile never sets them, so they always expand as unset. */
    private static boolean isSpecialParameter(int ch) {
        return switch (ch) {
            case '@', '*', '#', '?', '-', '$', '!', '0' -> true;
            default -> false;
        };
    }

    /** The value of {@code name}, or null when unset; records the name as matched or unmatched. */
    String lookup(String name) {
        String value = env.get(name);
        (value == null ? unmatched : matched).add(name);
        return value;
    }
}
