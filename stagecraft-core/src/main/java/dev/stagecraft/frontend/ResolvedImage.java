package dev.stagecraft.frontend;

import dev.stagecraft.image.ImageConfig;
import dev.stagecraft.reference.ImageReference;
import java.util.Optional;

/**
 * A base image as the resolver found it.
 *
 * @param reference the reference, with the manifest digest when known
 * @param config    the image config, or null when the resolver does not fetch configs (a plan
 *                  made offline); stages built on it then start from an empty config
 */
public record ResolvedImage(ImageReference reference, ImageConfig config) {
    public Optional<ImageConfig> optionalConfig() {
        return Optional.ofNullable(config);
    }
}
