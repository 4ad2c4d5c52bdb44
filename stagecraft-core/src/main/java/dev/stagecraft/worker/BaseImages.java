package dev.stagecraft.worker;

import java.io.IOException;

/** Finds the layers of a base image the front end pinned, so the worker can build on it. */
@FunctionalInterface
public interface BaseImages {
    /**
     * @param reference the reference as it appears in the graph (pinned to a digest when resolved)
     * @param platform  {@code os/arch[/variant]}
     * @return the image's layers, bottom first, their blobs in the content store
     */
    FsRef layers(String reference, String platform) throws IOException;
}
