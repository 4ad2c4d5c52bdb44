package dev.stagecraft.dockerfile.shell;

import dev.stagecraft.text.GoText;
import java.util.List;
import java.util.Objects;

/**
 * Shell-style word expansion of Dockerfile arguments, following BuildKit's {@code shell.Lex}.
 *
 * <p>A word is scanned once: quotes ({@code '...'}, {@code "..."}) and escapes are processed and
 * {@code $name} / {@code ${...}} references are replaced by their values from a {@link ShellEnv}.
 * The supported parameter forms are {@code $x ${x} ${x:-w} ${x-w} ${x:+w} ${x+w} ${x:?m} ${x?m}
 * ${x#p} ${x##p} ${x%p} ${x%%p} ${x/p/r} ${x//p/r}}; positional ({@code $1}) and special
 * ({@code $@ $* $# $? $- $$ $! $0}) parameters are recognised and always unset. There is no
 * command substitution, arithmetic or globbing against files.
 *
 * <p>Instances are immutable and thread-safe; the {@code with...} methods return modified copies.
 * Every failure is a {@link ShellExpansionException} whose message is BuildKit's
 * {@code failed to process "<word>": <reason>}.
 */
public final class ShellLex {
    /**
     * The longest word an expansion may produce (1 MiB of characters). BuildKit has no limit and
     * exhausts memory instead; Linux refuses any single environment string over 128 KiB, so no
     * legitimate build comes near it.
     */
    public static final int MAX_WORD_LENGTH = 1 << 20;

    private final char escape;
    private final boolean rawQuotes;
    private final boolean rawEscapes;
    private final boolean skipUnsetEnv;
    private final boolean skipProcessQuotes;

    /**
     * A lexer with every option off.
     *
     * @param escape the Dockerfile escape character: {@code \} or a backtick
     * @throws IllegalArgumentException for any other character
     */
    public ShellLex(char escape) {
        this(escape, false, false, false, false);
        if (escape != '\\' && escape != '`') {
            throw new IllegalArgumentException("escape character must be '\\' or '`', got '" + escape + "'");
        }
    }

    private ShellLex(char escape, boolean rawQuotes, boolean rawEscapes, boolean skipUnsetEnv,
            boolean skipProcessQuotes) {
        this.escape = escape;
        this.rawQuotes = rawQuotes;
        this.rawEscapes = rawEscapes;
        this.skipUnsetEnv = skipUnsetEnv;
        this.skipProcessQuotes = skipProcessQuotes;
    }

    /** Keep the quote characters in the output ({@code 'a'} stays {@code 'a'}). */
    public ShellLex withRawQuotes(boolean value) {
        return new ShellLex(escape, value, rawEscapes, skipUnsetEnv, skipProcessQuotes);
    }

    /** Keep the escape characters in the output ({@code a\ b} stays {@code a\ b}). */
    public ShellLex withRawEscapes(boolean value) {
        return new ShellLex(escape, rawQuotes, value, skipUnsetEnv, skipProcessQuotes);
    }

    /**
     * Leave references to unset variables as written ({@code $X}, {@code ${X}},
     * {@code ${X:-a}}) instead of expanding them. Used for heredoc detection and display text.
     */
    public ShellLex withSkipUnsetEnv(boolean value) {
        return new ShellLex(escape, rawQuotes, rawEscapes, value, skipProcessQuotes);
    }

    /** Treat quote characters as ordinary characters. Used to expand heredoc bodies. */
    public ShellLex withSkipProcessQuotes(boolean value) {
        return new ShellLex(escape, rawQuotes, rawEscapes, skipUnsetEnv, value);
    }

    /**
     * Expands {@code word} into one string (quotes removed, whitespace kept) and reports which
     * variable names were referenced: {@code matched} were set, {@code unmatched} were not (the
     * source of the {@code UndefinedVar} lint warning).
     *
     * @throws ShellExpansionException when the word cannot be expanded
     */
    public ExpansionResult processWordWithMatches(String word, ShellEnv env) {
        WordScanner scanner = newScanner(word, env);
        WordScanner.Scanned scanned = scan(word, scanner);
        return new ExpansionResult(scanned.text(), scanner.matched(), scanner.unmatched());
    }

    /**
     * Expands {@code word} into one string: quotes removed, whitespace kept, no word splitting.
     *
     * @throws ShellExpansionException when the word cannot be expanded
     */
    public String processWord(String word, ShellEnv env) {
        WordScanner scanner = newScanner(word, env);
        return scan(word, scanner).text();
    }

    /**
     * Expands {@code word} and splits the result into words on whitespace. Splitting happens
     * after substitution: an unquoted value holding spaces gives several words, a quoted one
     * stays a single word.
     *
     * @return the words, possibly none; the list is unmodifiable
     * @throws ShellExpansionException when the word cannot be expanded
     */
    public List<String> processWords(String word, ShellEnv env) {
        WordScanner scanner = newScanner(word, env);
        return List.copyOf(scan(word, scanner).words());
    }

    private WordScanner newScanner(String word, ShellEnv env) {
        Objects.requireNonNull(word, "word");
        Objects.requireNonNull(env, "env");
        return new WordScanner(this, env, word);
    }

    private static WordScanner.Scanned scan(String word, WordScanner scanner) {
        try {
            return scanner.scanAll();
        } catch (ExpansionFailure e) {
            throw new ShellExpansionException("failed to process " + GoText.quote(word) + ": " + e.getMessage());
        }
    }

    char escape() {
        return escape;
    }

    boolean rawQuotes() {
        return rawQuotes;
    }

    boolean rawEscapes() {
        return rawEscapes;
    }

    boolean skipUnsetEnv() {
        return skipUnsetEnv;
    }

    boolean skipProcessQuotes() {
        return skipProcessQuotes;
    }

    @Override
    public String toString() {
        return "ShellLex[escape=" + escape + ", rawQuotes=" + rawQuotes + ", rawEscapes=" + rawEscapes
                + ", skipUnsetEnv=" + skipUnsetEnv + ", skipProcessQuotes=" + skipProcessQuotes + "]";
    }
}
