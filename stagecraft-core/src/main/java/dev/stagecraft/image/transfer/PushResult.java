package dev.stagecraft.image.transfer;

import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.reference.ImageReference;
import dev.stagecraft.registry.BlobPushOutcome;
import java.util.Map;

/**
 * What a push did.
 *
 * @param reference the target pinned to the pushed root's digest
 * @param root      the pushed manifest or index
 * @param blobs     what each blob took: already there, mounted, uploaded
 */
public record PushResult(ImageReference reference, Descriptor root, Map<Digest, BlobPushOutcome> blobs) {
    public PushResult {
        blobs = Map.copyOf(blobs);
    }
}
