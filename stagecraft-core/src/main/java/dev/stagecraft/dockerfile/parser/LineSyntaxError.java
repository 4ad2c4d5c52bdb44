package dev.stagecraft.dockerfile.parser;

/**
 * A malformed instruction found by code that does not know where the instruction stands.
 * {@link DockerfileParser} turns it into a {@link dev.stagecraft.dockerfile.DockerfileException}
 * carrying the instruction's lines.
 */
final class LineSyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LineSyntaxError(String message) {
        super(message, null, false, false);
    }
}
