package dev.stagecraft.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One entry of an image's history.
 *
 * @param created    RFC 3339 time, or null until the exporter fills it
 * @param createdBy  the instruction that made it, e.g. {@code RUN /bin/sh -c make # buildkit}
 * @param comment    {@code buildkit.dockerfile.v0} for entries stagecraft writes
 * @param emptyLayer true when the step added no layer
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"created", "created_by", "author", "comment", "empty_layer"})
public record History(
        @JsonProperty("created") String created,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("author") String author,
        @JsonProperty("comment") String comment,
        @JsonProperty("empty_layer") boolean emptyLayer) {
}
