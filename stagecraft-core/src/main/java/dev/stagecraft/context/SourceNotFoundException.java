package dev.stagecraft.context;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.text.GoText;

/**
 * A path named by COPY/ADD that does not exist in its source (or is hidden by
 * {@code .dockerignore}). The message ends as BuildKit's does: {@code "/missing": not found}.
 */
public class SourceNotFoundException extends StagecraftException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public SourceNotFoundException(String path) {
        super("failed to calculate checksum: " + GoText.quote(path) + ": not found");
        this.path = path;
    }

    /** The absolute, cleaned path inside the source that is missing. */
    public String path() {
        return path;
    }
}
