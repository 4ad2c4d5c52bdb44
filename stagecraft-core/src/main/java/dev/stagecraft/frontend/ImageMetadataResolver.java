package dev.stagecraft.frontend;

import dev.stagecraft.reference.ImageReference;
import dev.stagecraft.reference.Platform;

/**
 * Finds the configuration of a base image without pulling its layers, and pins its tag to a
 * digest. The frontend calls it only for images that reachable stages use, possibly from several
 * threads at once.
 */
public interface ImageMetadataResolver {
    /**
     * @param reference the normalised reference, tag defaulted to {@code latest}
     * @param platform  the platform to pick from a multi-platform image
     * @return the pinned reference and the image config
     * @throws dev.stagecraft.StagecraftException when the image cannot be found or read; its
     *         message is shown after the image name
     */
    ResolvedImage resolve(ImageReference reference, Platform platform);
}
