package dev.stagecraft.reference;

import dev.stagecraft.StagecraftException;

/**
 * An image reference that does not follow the distribution grammar.
 *
 * <p>The message is the one {@code github.com/distribution/reference} (and, for digests,
 * {@code github.com/opencontainers/go-digest}) gives, e.g. {@code invalid reference format} or
 * {@code invalid reference format: repository name (library/Ubuntu) must be lowercase}, so that a
 * caller can prefix it the way BuildKit does ({@code failed to parse stage name "Ubuntu": ...}).
 */
public class InvalidReferenceException extends StagecraftException {
    private static final long serialVersionUID = 1L;

    public InvalidReferenceException(String message) {
        super(message);
    }
}
