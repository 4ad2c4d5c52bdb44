package dev.stagecraft.image.transfer;

import dev.stagecraft.content.Descriptor;
import dev.stagecraft.reference.ImageReference;
import java.util.Optional;

/**
 * What a pull stored.
 *
 * @param reference the reference pinned to the digest its tag pointed at (the index's, for a
 *                  multi-platform image, as {@code docker pull} reports it)
 * @param manifest  the image manifest of the chosen platform (with its platform, when an index chose it)
 * @param index     the index or manifest list the manifest was chosen from, when there was one
 */
public record PullResult(ImageReference reference, Descriptor manifest, Optional<Descriptor> index) {
}
