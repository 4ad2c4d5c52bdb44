package dev.stagecraft.image;

import dev.stagecraft.StagecraftException;

/** An image document, layout or archive that stagecraft cannot read: malformed, unsupported or inconsistent. */
public class ImageFormatException extends StagecraftException {
    private static final long serialVersionUID = 1L;

    public ImageFormatException(String message) {
        super(message);
    }

    public ImageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
