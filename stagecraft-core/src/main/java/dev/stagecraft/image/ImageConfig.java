package dev.stagecraft.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stagecraft.StagecraftException;
import java.util.List;

/**
 * An image configuration (the JSON blob a manifest's {@code config} descriptor points at), in the
 * OCI / Docker v2 form BuildKit writes.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"created", "author", "architecture", "os", "os.version", "variant", "config", "rootfs",
    "history"})
public record ImageConfig(
        @JsonProperty("created") String created,
        @JsonProperty("author") String author,
        @JsonProperty("architecture") String architecture,
        @JsonProperty("os") String os,
        @JsonProperty("os.version") String osVersion,
        @JsonProperty("variant") String variant,
        @JsonProperty("config") ContainerConfig config,
        @JsonProperty("rootfs") RootFs rootfs,
        @JsonProperty("history") List<History> history) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public ImageConfig {
        config = config == null ? ContainerConfig.empty() : config;
        rootfs = rootfs == null ? RootFs.layers() : rootfs;
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** Reads a config blob. */
    public static ImageConfig fromJson(byte[] json) {
        try {
            return MAPPER.readValue(json, ImageConfig.class);
        } catch (java.io.IOException e) {
            throw new StagecraftException("failed to parse image config: " + e.getMessage(), e);
        }
    }

    /** The config as compact JSON. */
    public String toJson() {
        return write(false);
    }

    /** The config as indented JSON, for people. */
    public String toPrettyJson() {
        return write(true);
    }

    private String write(boolean pretty) {
        try {
            return MAPPER.copy().configure(SerializationFeature.INDENT_OUTPUT, pretty).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("image config cannot be serialised", e);
        }
    }
}
