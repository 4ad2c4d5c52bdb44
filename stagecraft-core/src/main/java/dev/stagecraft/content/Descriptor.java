package dev.stagecraft.content;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * An OCI content descriptor: what a blob is, which digest and size it has.
 *
 * @param mediaType    the blob's media type
 * @param digest       its digest, {@code sha256:...}
 * @param size         its size in bytes
 * @param urls         alternative download locations, or null
 * @param annotations  annotations, or null
 * @param platform     the platform of a manifest in an index, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"mediaType", "digest", "size", "urls", "annotations", "platform"})
public record Descriptor(
        @JsonProperty("mediaType") String mediaType,
        @JsonProperty("digest") String digest,
        @JsonProperty("size") long size,
        @JsonProperty("urls") List<String> urls,
        @JsonProperty("annotations") Map<String, String> annotations,
        @JsonProperty("platform") PlatformSpec platform) {

    /** A descriptor with no urls, annotations or platform. */
    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest.toString(), size, null, null, null);
    }

    /** The digest, parsed. */
    public Digest parsedDigest() {
        return Digest.parse(digest);
    }

    /**
     * The {@code platform} object of an index entry.
     *
     * @param architecture CPU architecture
     * @param os           operating system
     * @param osVersion    OS version, or null
     * @param osFeatures   OS features, or null
     * @param variant      CPU variant, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"architecture", "os", "os.version", "os.features", "variant"})
    public record PlatformSpec(
            @JsonProperty("architecture") String architecture,
            @JsonProperty("os") String os,
            @JsonProperty("os.version") String osVersion,
            @JsonProperty("os.features") List<String> osFeatures,
            @JsonProperty("variant") String variant) {
    }
}
