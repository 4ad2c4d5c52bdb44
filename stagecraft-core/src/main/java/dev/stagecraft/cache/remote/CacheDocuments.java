package dev.stagecraft.cache.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagecraft.StagecraftException;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.Manifest;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Where a cache config sits in what a cache source holds, as BuildKit puts it: the config blob of
 * an OCI manifest ({@code image-manifest=true}) or an entry of an OCI index beside the layer blobs
 * (BuildKit's default), or, for an inline cache, the {@code moby.buildkit.cache.v0} member of an
 * image config (the config JSON, base64-encoded as Go encodes bytes).
 */
final class CacheDocuments {
    /** The image config member holding an inline cache. */
    static final String INLINE_KEY = "moby.buildkit.cache.v0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CacheDocuments() {
    }

    /** Reads one blob of the source. */
    interface BlobReader {
        byte[] read(Descriptor blob) throws IOException;
    }

    /** The manifest stagecraft exports a cache as: the config and every layer blob. */
    static Manifest manifest(Descriptor config, List<Descriptor> layers) {
        return Manifest.oci(config, layers);
    }

    /** The config descriptor of {@code config}'s bytes. */
    static Descriptor configDescriptor(byte[] config) {
        return Descriptor.of(CacheConfig.MEDIA_TYPE, Digest.sha256(config), config.length);
    }

    /**
     * The cache config {@code root} (a manifest or index) holds, if any: an image without an inline
     * cache holds none.
     */
    static Optional<CacheConfig> read(byte[] raw, String mediaType, BlobReader blobs) throws IOException {
        ImageDocument doc = ImageJson.parseManifestOrIndex(raw, mediaType);
        if (doc instanceof ImageDocument.OfIndex index) {
            for (Descriptor d : index.index().manifests()) {
                if (CacheConfig.MEDIA_TYPE.equals(d.mediaType())) {
                    return Optional.of(CacheConfig.parse(blobs.read(d)));
                }
            }
            return Optional.empty();
        }
        Manifest m = ((ImageDocument.OfManifest) doc).manifest();
        if (CacheConfig.MEDIA_TYPE.equals(m.config().mediaType())) {
            return Optional.of(CacheConfig.parse(blobs.read(m.config())));
        }
        return inline(blobs.read(m.config()));
    }

    /** The inline cache of an image config, if it has one. */
    static Optional<CacheConfig> inline(byte[] imageConfig) throws IOException {
        JsonNode node = JSON.readTree(imageConfig);
        JsonNode cache = node == null ? null : node.get(INLINE_KEY);
        if (cache == null || !cache.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CacheConfig.parse(Base64.getDecoder().decode(cache.asText())));
        } catch (IllegalArgumentException e) {
            throw new StagecraftException("the image config's " + INLINE_KEY + " is not base64: " + e.getMessage());
        }
    }

    /** {@code imageConfig} with {@code cache} embedded under {@link #INLINE_KEY}. */
    static byte[] withInline(byte[] imageConfig, CacheConfig cache) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(imageConfig);
        node.put(INLINE_KEY, Base64.getEncoder().encodeToString(cache.toJson()));
        return JSON.writeValueAsBytes(node);
    }

    /** Media types a cache source's root may have. */
    static final List<String> ROOT_TYPES = List.of(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
            MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST);
}
