package dev.stagecraft.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stagecraft.content.MediaTypes;
import java.io.IOException;

/**
 * Reads and writes manifests and indexes. Reading keeps the bytes ({@link ImageDocument}); writing
 * serialises once, canonically (compact, fields in the specs' order, map keys sorted), and the result
 * is the document from then on.
 */
public final class ImageJson {
    /** The legacy Docker v2 schema 1 manifests, which stagecraft does not read. */
    private static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1";

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ImageJson() {
    }

    /**
     * Parses a manifest or index, keeping {@code raw} as its bytes.
     *
     * <p>The kind comes from the document's own {@code mediaType}, else from {@code mediaTypeHint} (a
     * registry's Content-Type, an index entry's media type; may be null), else from its shape
     * ({@code manifests} makes an index). A document whose own type contradicts the hint's kind is
     * rejected: accepting it would let a registry pass off an index as a manifest or back.
     *
     * @throws ImageFormatException when the bytes are not a schema 2 manifest or index
     */
    public static ImageDocument parseManifestOrIndex(byte[] raw, String mediaTypeHint) {
        JsonNode tree = readTree(raw);
        JsonNode own = tree.get("mediaType");
        String ownType = own != null && own.isTextual() ? own.asText() : null;
        if ((ownType != null && ownType.startsWith(DOCKER_SCHEMA1))
                || (mediaTypeHint != null && mediaTypeHint.startsWith(DOCKER_SCHEMA1))
                || tree.path("schemaVersion").asInt() == 1) {
            throw new ImageFormatException("Docker schema 1 manifests are not supported");
        }
        if (tree.path("schemaVersion").asInt() != 2) {
            throw new ImageFormatException("unsupported manifest schemaVersion: " + tree.get("schemaVersion"));
        }
        if (ownType != null && isKnown(mediaTypeHint) && MediaTypes.isIndex(ownType) != MediaTypes.isIndex(mediaTypeHint)) {
            throw new ImageFormatException("document of media type " + ownType + " was served as " + mediaTypeHint);
        }
        String type = ownType != null ? ownType : isKnown(mediaTypeHint) ? mediaTypeHint
                : tree.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        byte[] bytes = raw.clone();
        try {
            if (MediaTypes.isIndex(type)) {
                return new ImageDocument.OfIndex(MAPPER.treeToValue(tree, Index.class), type, bytes);
            }
            if (MediaTypes.isManifest(type)) {
                Manifest manifest = MAPPER.treeToValue(tree, Manifest.class);
                if (manifest.config() == null) {
                    throw new ImageFormatException("manifest has no config");
                }
                return new ImageDocument.OfManifest(manifest, type, bytes);
            }
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            // List.copyOf rejects null entries, Digest rejects bad text: both mean a malformed document.
            throw new ImageFormatException("malformed " + type + ": " + e.getMessage(), e);
        }
        throw new ImageFormatException("unsupported manifest media type: " + type);
    }

    /** Serialises a new manifest, once; store and push the returned document's bytes. */
    public static ImageDocument.OfManifest write(Manifest manifest) {
        String type = manifest.mediaType() != null ? manifest.mediaType() : MediaTypes.OCI_MANIFEST;
        return new ImageDocument.OfManifest(manifest, type, serialise(manifest));
    }

    /** Serialises a new index, once; store and push the returned document's bytes. */
    public static ImageDocument.OfIndex write(Index index) {
        String type = index.mediaType() != null ? index.mediaType() : MediaTypes.OCI_INDEX;
        return new ImageDocument.OfIndex(index, type, serialise(index));
    }

    /** Parses any JSON document of this package's records (e.g. an OCI layout's index.json). */
    static <T> T read(byte[] json, Class<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new ImageFormatException("malformed " + what + ": " + e.getMessage(), e);
        }
    }

    /** Canonical compact JSON of any of this package's records. */
    static byte[] serialise(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static JsonNode readTree(byte[] raw) {
        try {
            JsonNode tree = MAPPER.readTree(raw);
            if (tree == null || !tree.isObject()) {
                throw new ImageFormatException("manifest is not a JSON object");
            }
            return tree;
        } catch (IOException e) {
            throw new ImageFormatException("malformed manifest JSON: " + e.getMessage(), e);
        }
    }

    private static boolean isKnown(String mediaType) {
        return mediaType != null && (MediaTypes.isManifest(mediaType) || MediaTypes.isIndex(mediaType));
    }
}
