package dev.stagecraft.dockerfile.parser;

import java.util.Optional;

/**
 * Parser directives found at the top of a Dockerfile.
 *
 * @param syntax      the {@code # syntax=} value; stagecraft never forwards to another frontend
 * @param escape      the escape character, {@code \} unless {@code # escape=`}
 * @param check       the {@code # check=} lint configuration, unparsed
 */
public record Directives(Optional<String> syntax, char escape, Optional<String> check) {
    public static final char DEFAULT_ESCAPE = '\\';

    public static Directives defaults() {
        return new Directives(Optional.empty(), DEFAULT_ESCAPE, Optional.empty());
    }
}
