package dev.stagecraft.image.archive;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One entry of a docker-archive's {@code manifest.json}, as {@code docker save} writes it.
 *
 * @param config   path of the config file in the archive
 * @param repoTags the image's names (Docker writes null for none; read as empty)
 * @param layers   paths of the uncompressed layer tars, base first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"Config", "RepoTags", "Layers"})
public record ArchiveManifestEntry(
        @JsonProperty("Config") String config,
        @JsonProperty("RepoTags") List<String> repoTags,
        @JsonProperty("Layers") List<String> layers) {
    public ArchiveManifestEntry {
        repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
        layers = layers == null ? List.of() : List.copyOf(layers);
    }
}
