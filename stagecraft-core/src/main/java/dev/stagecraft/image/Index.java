package dev.stagecraft.image;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.reference.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A multi-platform image: an OCI image index or a Docker manifest list.
 *
 * @param schemaVersion always 2
 * @param mediaType     {@link MediaTypes#OCI_INDEX} or {@link MediaTypes#DOCKER_MANIFEST_LIST}; may be null in
 *                      OCI indexes read from elsewhere
 * @param artifactType  the OCI 1.1 artifact type, or null
 * @param manifests     the manifests (or nested indexes), each usually with a platform
 * @param subject       the manifest this index refers to, or null
 * @param annotations   annotations, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"schemaVersion", "mediaType", "artifactType", "manifests", "subject", "annotations"})
public record Index(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("mediaType") String mediaType,
        @JsonProperty("artifactType") String artifactType,
        @JsonProperty("manifests") List<Descriptor> manifests,
        @JsonProperty("subject") Descriptor subject,
        @JsonProperty("annotations") Map<String, String> annotations) {

    /** Manifests are never null: the specs require the array, even when empty. */
    public Index {
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        annotations = annotations == null ? null : Map.copyOf(annotations);
    }

    /** A new OCI image index. */
    public static Index oci(List<Descriptor> manifests) {
        return new Index(2, MediaTypes.OCI_INDEX, null, manifests, null, null);
    }

    /** True for a Docker manifest list. */
    @JsonIgnore
    public boolean isDocker() {
        return MediaTypes.DOCKER_MANIFEST_LIST.equals(mediaType);
    }

    /**
     * The entry best suited to {@code wanted}, as containerd's {@code platforms.Only} chooses: the same
     * OS and architecture after normalisation ({@code aarch64} is {@code arm64}, {@code arm64/v8} is
     * {@code arm64}, {@code amd64/v1} is {@code amd64}), preferring the exact variant, then older
     * compatible ones ({@code arm/v7} runs {@code v6} and {@code v5}, {@code amd64/v3} runs {@code v2}
     * and {@code v1}, {@code amd64} runs {@code 386}, {@code arm64} runs 32-bit {@code arm}). Among
     * equally good entries the first one wins. Entries without a platform never match.
     */
    public Optional<Descriptor> select(Platform wanted) {
        return PlatformMatcher.best(wanted, manifests);
    }
}
