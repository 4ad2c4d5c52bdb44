package dev.stagecraft.image.archive;

import dev.stagecraft.image.ImageDocument;
import java.util.List;

/**
 * An image of a docker-archive, as stored (or as it would be stored) in a content store.
 *
 * @param manifest an OCI manifest of the archive's image: its config, and its layers as uncompressed
 *                 tars ({@code application/vnd.oci.image.layer.v1.tar}, digest = diff id)
 * @param repoTags the names the archive gives it
 */
public record LoadedImage(ImageDocument.OfManifest manifest, List<String> repoTags) {
    public LoadedImage {
        repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
    }
}
