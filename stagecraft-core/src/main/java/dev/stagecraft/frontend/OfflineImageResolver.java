package dev.stagecraft.frontend;

import dev.stagecraft.reference.ImageReference;
import dev.stagecraft.reference.Platform;

/**
 * A resolver that contacts nothing: every image is taken as named, unpinned and with an unknown
 * config. {@code stagecraft plan} uses it so that planning works without network; the plan says
 * which stages start from an unknown base config.
 */
public final class OfflineImageResolver implements ImageMetadataResolver {
    @Override
    public ResolvedImage resolve(ImageReference reference, Platform platform) {
        return new ResolvedImage(reference, null);
    }
}
