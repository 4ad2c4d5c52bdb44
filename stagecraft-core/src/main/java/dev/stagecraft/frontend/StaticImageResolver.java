package dev.stagecraft.frontend;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.image.ImageConfig;
import dev.stagecraft.reference.ImageReference;
import dev.stagecraft.reference.Platform;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A resolver over a fixed set of images held in memory, for embedding callers that already know
 * their base images and for tests. Unknown images fail like a registry's "not found".
 */
public final class StaticImageResolver implements ImageMetadataResolver {
    private final Map<String, ResolvedImage> images = new ConcurrentHashMap<>();

    /**
     * Adds an image.
     *
     * @param reference the name as a Dockerfile would write it ({@code alpine:3.19})
     * @param digest    the manifest digest the tag points at ({@code sha256:...})
     * @param config    its config
     */
    public StaticImageResolver add(String reference, String digest, ImageConfig config) {
        ImageReference ref = ImageReference.parse(reference).withDefaultTag();
        images.put(ref.toString(), new ResolvedImage(ref.withDigest(digest), config));
        return this;
    }

    @Override
    public ResolvedImage resolve(ImageReference reference, Platform platform) {
        ResolvedImage found = images.get(reference.toString());
        if (found == null) {
            throw new StagecraftException(reference.toString() + ": not found");
        }
        return found;
    }
}
