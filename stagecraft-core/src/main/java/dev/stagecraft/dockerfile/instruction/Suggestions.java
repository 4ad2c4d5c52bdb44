package dev.stagecraft.dockerfile.instruction;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?" suggestions, with the rules of BuildKit's {@code util/suggest}: the
 * candidate with the smallest Levenshtein distance below 3 wins (the first one on ties), and an
 * exact match means the value was not a typo, so nothing is suggested.
 */
public final class Suggestions {
    /** Distances must stay strictly below this (BuildKit copies the limit from HCL). */
    private static final int MAX_DISTANCE = 3;

    private Suggestions() {
    }

    /** The closest candidate, compared case-sensitively. */
    public static Optional<String> closest(String value, Collection<String> candidates) {
        return closest(value, candidates, true);
    }

    /**
     * The closest candidate.
     *
     * @param caseSensitive when false, values are compared lower-cased and the suggestion follows
     *                      the case of {@code value}: upper-case input gets an upper-case
     *                      suggestion, anything else a lower-case one
     */
    public static Optional<String> closest(String value, Collection<String> candidates, boolean caseSensitive) {
        String wanted = caseSensitive ? value : lower(value);
        String match = null;
        int best = MAX_DISTANCE;
        for (String candidate : candidates) {
            String option = caseSensitive ? candidate : lower(candidate);
            if (wanted.equals(option)) {
                return Optional.empty();
            }
            int distance = levenshtein(wanted, option);
            if (distance < best) {
                best = distance;
                match = caseSensitive ? option : matchCase(option, value);
            }
        }
        return Optional.ofNullable(match);
    }

    /** {@code message} plus {@code " (did you mean X?)"} when there is a suggestion. */
    public static String withSuggestion(String message, String value, Collection<String> candidates,
            boolean caseSensitive) {
        return closest(value, candidates, caseSensitive)
                .map(match -> message + " (did you mean " + match + "?)")
                .orElse(message);
    }

    private static String matchCase(String lowerOption, String original) {
        if (original.equals(original.toUpperCase(Locale.ROOT))
                && !original.equals(original.toLowerCase(Locale.ROOT))) {
            return lowerOption.toUpperCase(Locale.ROOT);
        }
        return lowerOption;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Edit distance over code points, insert, delete and substitute all costing one. */
    static int levenshtein(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int[] previous = new int[y.length + 1];
        int[] current = new int[y.length + 1];
        for (int j = 0; j <= y.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            current[0] = i;
            for (int j = 1; j <= y.length; j++) {
                int substitute = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length];
    }
}
