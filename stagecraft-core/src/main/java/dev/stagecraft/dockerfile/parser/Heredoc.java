package dev.stagecraft.dockerfile.parser;

/**
 * A heredoc attached to an instruction line ({@code RUN <<EOF}, {@code COPY <<-"X" /dst}).
 *
 * @param name           the delimiter word, quotes removed ({@code EOF})
 * @param content        the body, lines kept verbatim with their newlines; with {@code <<-},
 *                       leading tabs already removed
 * @param expand         false when any part of the delimiter was quoted
 * @param chomp          true for {@code <<-}
 * @param fileDescriptor the fd number written before {@code <<} ({@code 3<<X}), or 0 when absent
 */
public record Heredoc(String name, String content, boolean expand, boolean chomp, int fileDescriptor) {
}
