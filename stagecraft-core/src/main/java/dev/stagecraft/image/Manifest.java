package dev.stagecraft.image;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.MediaTypes;
import java.util.List;
import java.util.Map;

/**
 * The manifest of one single-platform image: an OCI image manifest or a Docker v2 schema 2 manifest
 * (the two share this shape and differ in media types).
 *
 * <p>A manifest read from elsewhere is kept as its raw bytes in an {@link ImageDocument}; this record
 * is the parsed view and is serialised only to make a new document ({@link ImageJson#write(Manifest)}).
 *
 * @param schemaVersion always 2
 * @param mediaType     {@link MediaTypes#OCI_MANIFEST} or {@link MediaTypes#DOCKER_MANIFEST}; may be null in
 *                      OCI manifests read from elsewhere
 * @param artifactType  the OCI 1.1 artifact type, or null
 * @param config        the image config blob
 * @param layers        the layers, base first
 * @param subject       the manifest this one refers to (OCI 1.1 referrers), or null
 * @param annotations   annotations, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"schemaVersion", "mediaType", "artifactType", "config", "layers", "subject", "annotations"})
public record Manifest(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("mediaType") String mediaType,
        @JsonProperty("artifactType") String artifactType,
        @JsonProperty("config") Descriptor config,
        @JsonProperty("layers") List<Descriptor> layers,
        @JsonProperty("subject") Descriptor subject,
        @JsonProperty("annotations") Map<String, String> annotations) {

    /** Layers are never null: the specs require the array, even when empty. */
    public Manifest {
        layers = layers == null ? List.of() : List.copyOf(layers);
        annotations = annotations == null ? null : Map.copyOf(annotations);
    }

    /** A new OCI image manifest. */
    public static Manifest oci(Descriptor config, List<Descriptor> layers) {
        return new Manifest(2, MediaTypes.OCI_MANIFEST, null, config, layers, null, null);
    }

    /** True for a Docker v2 schema 2 manifest. */
    @JsonIgnore
    public boolean isDocker() {
        return MediaTypes.DOCKER_MANIFEST.equals(mediaType);
    }

    /** This manifest with the given annotations (null for none). */
    public Manifest withAnnotations(Map<String, String> newAnnotations) {
        return new Manifest(schemaVersion, mediaType, artifactType, config, layers, subject, newAnnotations);
    }

    /**
     * The same image with Docker v2 schema 2 media types, as {@code docker push} of old daemons and
     * registries without OCI support expect. Docker's format has no annotations, subject or artifact
     * type, so they are dropped.
     *
     * @throws ImageFormatException when a layer has no Docker equivalent (zstd)
     */
    public Manifest asDockerMediaTypes() {
        return new Manifest(2, MediaTypes.DOCKER_MANIFEST, null,
                withType(config, MediaTypeConversion.dockerType(config.mediaType())),
                layers.stream().map(l -> withType(l, MediaTypeConversion.dockerType(l.mediaType()))).toList(),
                null, null);
    }

    /** The same image with OCI media types; annotations and subject are kept. */
    public Manifest asOciMediaTypes() {
        return new Manifest(2, MediaTypes.OCI_MANIFEST, artifactType,
                withType(config, MediaTypeConversion.ociType(config.mediaType())),
                layers.stream().map(l -> withType(l, MediaTypeConversion.ociType(l.mediaType()))).toList(),
                subject, annotations);
    }

    private static Descriptor withType(Descriptor d, String mediaType) {
        return new Descriptor(mediaType, d.digest(), d.size(), d.urls(), d.annotations(), d.platform());
    }
}
