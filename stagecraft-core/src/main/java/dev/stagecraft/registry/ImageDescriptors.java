package dev.stagecraft.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The references a manifest or index holds to other content: what a pull must fetch and a push must
 * send first. Only the descriptors are read; the rest of the document is the image model's business.
 */
final class ImageDescriptors {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ImageDescriptors() {}

    /**
     * The media type of a manifest a registry sent with a vague {@code Content-Type}: its own
     * {@code mediaType} field, else an OCI index when it lists manifests, else an OCI manifest.
     */
    static String sniffMediaType(byte[] manifest) {
        JsonNode node = tree(manifest);
        String stated = node.path("mediaType").asText("");
        if (!stated.isEmpty()) {
            return stated;
        }
        return node.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }

    /** The config (first) and the layers of an image manifest. */
    static List<Descriptor> configAndLayers(byte[] manifest) {
        JsonNode node = tree(manifest);
        List<Descriptor> out = new ArrayList<>();
        if (!node.hasNonNull("config")) {
            throw new RegistryException("the image manifest has no config", "");
        }
        out.add(descriptor(node.get("config")));
        for (JsonNode layer : node.path("layers")) {
            out.add(descriptor(layer));
        }
        return out;
    }

    /** The manifests an index lists. */
    static List<Descriptor> manifests(byte[] index) {
        List<Descriptor> out = new ArrayList<>();
        for (JsonNode m : tree(index).path("manifests")) {
            out.add(descriptor(m));
        }
        return out;
    }

    private static Descriptor descriptor(JsonNode node) {
        try {
            Descriptor d = JSON.treeToValue(node, Descriptor.class);
            d.parsedDigest();
            return d;
        } catch (IOException | IllegalArgumentException e) {
            throw new RegistryException("a descriptor in the manifest is not valid: " + e.getMessage(), "");
        } catch (RuntimeException e) {
            throw new RegistryException("a descriptor in the manifest is not valid: " + e.getMessage(), "");
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new RegistryException("the manifest is not a JSON object", "");
            }
            return node;
        } catch (IOException e) {
            throw new RegistryException("the manifest is not valid JSON: " + e.getMessage(), "");
        }
    }
}
