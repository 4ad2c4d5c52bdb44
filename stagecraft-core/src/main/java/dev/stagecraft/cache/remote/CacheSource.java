package dev.stagecraft.cache.remote;

import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import java.io.IOException;

/** Where an imported cache's layer blobs come from: a registry repository or a local layout. */
interface CacheSource {
    /** What the source is, for messages. */
    String name();

    /** Copies {@code blob} into {@code store}, which verifies it against its digest and size. */
    void fetch(Descriptor blob, ContentStore store) throws IOException;
}
