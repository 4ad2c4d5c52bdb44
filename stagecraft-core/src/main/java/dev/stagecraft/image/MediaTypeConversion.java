package dev.stagecraft.image;

import dev.stagecraft.content.MediaTypes;

/** Maps blob media types between the OCI and Docker v2 vocabularies. */
final class MediaTypeConversion {
    private static final String DOCKER_FOREIGN_LAYER = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
    private static final String OCI_NONDISTRIBUTABLE_GZIP =
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";

    private MediaTypeConversion() {
    }

    static String dockerType(String mediaType) {
        return switch (mediaType) {
            case MediaTypes.OCI_CONFIG, MediaTypes.DOCKER_CONFIG -> MediaTypes.DOCKER_CONFIG;
            case MediaTypes.OCI_LAYER_GZIP, MediaTypes.DOCKER_LAYER_GZIP -> MediaTypes.DOCKER_LAYER_GZIP;
            case MediaTypes.OCI_LAYER, MediaTypes.DOCKER_LAYER -> MediaTypes.DOCKER_LAYER;
            case OCI_NONDISTRIBUTABLE_GZIP, DOCKER_FOREIGN_LAYER -> DOCKER_FOREIGN_LAYER;
            case MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST -> MediaTypes.DOCKER_MANIFEST;
            case MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST -> MediaTypes.DOCKER_MANIFEST_LIST;
            // Docker's format has no zstd layer type; pretending it were gzip would break pulls.
            default -> throw new ImageFormatException("media type " + mediaType + " has no Docker v2 equivalent");
        };
    }

    static String ociType(String mediaType) {
        return switch (mediaType) {
            case MediaTypes.DOCKER_CONFIG -> MediaTypes.OCI_CONFIG;
            case MediaTypes.DOCKER_LAYER_GZIP -> MediaTypes.OCI_LAYER_GZIP;
            case MediaTypes.DOCKER_LAYER -> MediaTypes.OCI_LAYER;
            case DOCKER_FOREIGN_LAYER -> OCI_NONDISTRIBUTABLE_GZIP;
            case MediaTypes.DOCKER_MANIFEST -> MediaTypes.OCI_MANIFEST;
            case MediaTypes.DOCKER_MANIFEST_LIST -> MediaTypes.OCI_INDEX;
            // OCI types, and types neither vocabulary knows (artifacts), stay as they are.
            default -> mediaType;
        };
    }
}
