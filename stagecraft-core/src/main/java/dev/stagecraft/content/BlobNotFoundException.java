package dev.stagecraft.content;

import dev.stagecraft.StagecraftException;

/** A blob that is not in the store. */
public class BlobNotFoundException extends StagecraftException {
    private static final long serialVersionUID = 1L;

    public BlobNotFoundException(Digest digest) {
        super("blob " + digest + " not found in the content store");
    }
}
