package dev.stagecraft.image.archive;

import dev.stagecraft.content.Digest;
import java.util.List;

/**
 * An image to put into a docker-archive.
 *
 * @param manifest the digest of its single-platform manifest in the content store
 * @param repoTags the names it is loaded as, e.g. {@code example.com/app:1.0} (may be empty)
 */
public record ArchiveImage(Digest manifest, List<String> repoTags) {
    public ArchiveImage {
        repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
    }
}
