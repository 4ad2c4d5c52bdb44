package dev.stagecraft.archive;

import dev.stagecraft.StagecraftException;

/**
 * A layer archive that cannot be applied: malformed (truncated, oversized header, unknown
 * compression) or hostile (a name or link that would reach outside the target directory).
 * The message names the offending entry when there is one.
 */
public class LayerFormatException extends StagecraftException {
    private static final long serialVersionUID = 1L;

    public LayerFormatException(String message) {
        super(message);
    }

    public LayerFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    static LayerFormatException entry(String entryName, String problem) {
        return new LayerFormatException("layer entry \"" + entryName + "\": " + problem);
    }
}
