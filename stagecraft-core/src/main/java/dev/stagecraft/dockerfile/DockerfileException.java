package dev.stagecraft.dockerfile;

import dev.stagecraft.StagecraftException;
import java.util.List;
import java.util.Optional;

/**
 * A Dockerfile that cannot be read, validated or converted.
 *
 * <p>{@link #getMessage()} is the full text BuildKit would print, e.g.
 * {@code dockerfile parse error on line 3: unknown instruction: RUNN (did you mean RUN?)}.
 * {@link #reason()} is the same without any location prefix. {@link #locations()} lists the
 * source ranges the error is about (several for a circular dependency), so a CLI can show an
 * excerpt of the file.
 */
public class DockerfileException extends StagecraftException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final transient List<SourceRange> locations;

    /** An error with no location (empty file, unknown target, ...). */
    public DockerfileException(String reason) {
        this(reason, reason, List.of(), null);
    }

    /** An error about one place, with a message that carries no line prefix. */
    public DockerfileException(String reason, SourceRange location) {
        this(reason, reason, location == null ? List.of() : List.of(location), null);
    }

    /**
     * The general form.
     *
     * @param message   what the user sees
     * @param reason    the message without the location prefix
     * @param locations places in the Dockerfile, first one primary
     * @param cause     an underlying error, or null
     */
    public DockerfileException(String message, String reason, List<SourceRange> locations, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.locations = List.copyOf(locations);
    }

    /**
     * BuildKit's wrapping for errors raised while typing instructions:
     * {@code dockerfile parse error on line N: <reason>}.
     */
    public static DockerfileException parseError(String reason, SourceRange location) {
        return new DockerfileException(
                "dockerfile parse error on line " + location.startLine() + ": " + reason,
                reason, List.of(location), null);
    }

    /** The message without any location prefix. */
    public String reason() {
        return reason;
    }

    /** The places the error is about, primary first; empty when it is about the whole file. */
    public List<SourceRange> locations() {
        return locations;
    }

    /** The primary place, if any. */
    public Optional<SourceRange> location() {
        return locations.isEmpty() ? Optional.empty() : Optional.of(locations.get(0));
    }
}
