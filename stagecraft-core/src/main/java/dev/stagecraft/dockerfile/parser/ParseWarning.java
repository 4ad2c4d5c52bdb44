package dev.stagecraft.dockerfile.parser;

import dev.stagecraft.dockerfile.SourceRange;

/**
 * Something legal but suspicious found while parsing, e.g.
 * {@code Empty continuation line found in: RUN apk add   gnupg}.
 *
 * @param rule     the BuildKit lint rule name, e.g. {@code NoEmptyContinuation}
 * @param message  the human text
 * @param location where it was found
 */
public record ParseWarning(String rule, String message, SourceRange location) {
}
