package dev.stagecraft.dockerfile.shell;

import java.util.Set;

/**
 * The outcome of expanding one word.
 *
 * @param result    the expanded text
 * @param matched   names that were referenced and set
 * @param unmatched names that were referenced and unset (feeds the UndefinedVar warning)
 */
public record ExpansionResult(String result, Set<String> matched, Set<String> unmatched) {
    public ExpansionResult {
        matched = Set.copyOf(matched);
        unmatched = Set.copyOf(unmatched);
    }
}
