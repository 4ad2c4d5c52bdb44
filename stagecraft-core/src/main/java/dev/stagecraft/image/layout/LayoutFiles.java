package dev.stagecraft.image.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageFormatException;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.Index;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The two metadata files of an OCI layout: {@code oci-layout} and {@code index.json}. */
final class LayoutFiles {
    static final byte[] LAYOUT_JSON = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LayoutFiles() {
    }

    /** Accepts the 1.x layout versions, the only ones the spec defines. */
    static void checkLayoutFile(byte[] json) {
        try {
            JsonNode version = MAPPER.readTree(json).path("imageLayoutVersion");
            if (!version.isTextual() || !version.asText().startsWith("1.")) {
                throw new ImageFormatException("unsupported OCI layout version: " + version);
            }
        } catch (IOException e) {
            throw new ImageFormatException("malformed oci-layout file: " + e.getMessage(), e);
        }
    }

    static Index parseIndex(byte[] json) {
        ImageDocument doc = ImageJson.parseManifestOrIndex(json, MediaTypes.OCI_INDEX);
        if (doc instanceof ImageDocument.OfIndex index) {
            return index.index();
        }
        throw new ImageFormatException("index.json is not an image index");
    }

    static byte[] indexJson(List<Descriptor> manifests) {
        return ImageJson.write(Index.oci(manifests)).raw();
    }

    static List<LayoutRef> refs(Index index) {
        return index.manifests().stream()
                .map(d -> new LayoutRef(d.annotations() == null ? null : d.annotations().get(OciLayout.REF_NAME), d))
                .toList();
    }

    /** {@code d} with the ref name annotation set to {@code name} (or removed for null). */
    static Descriptor named(Descriptor d, String name) {
        Map<String, String> annotations = d.annotations() == null ? new HashMap<>() : new HashMap<>(d.annotations());
        if (name == null) {
            annotations.remove(OciLayout.REF_NAME);
        } else {
            annotations.put(OciLayout.REF_NAME, name);
        }
        return new Descriptor(d.mediaType(), d.digest(), d.size(), d.urls(),
                annotations.isEmpty() ? null : annotations, d.platform());
    }
}
