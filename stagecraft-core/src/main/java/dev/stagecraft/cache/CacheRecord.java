package dev.stagecraft.cache;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.stagecraft.content.Descriptor;
import java.util.List;

/**
 * The recorded result of one build step: the filesystem it yielded, as its layers bottom first.
 *
 * @param key         the step's cache key
 * @param step        what the step was, for {@code du} ({@code [build 2/4] RUN make})
 * @param created     when it was recorded (RFC 3339, UTC)
 * @param layers      the filesystem's layers, bottom first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CacheRecord(String key, String step, String created, List<Layer> layers) {
    public CacheRecord {
        layers = List.copyOf(layers);
    }

    /**
     * One layer of a recorded filesystem.
     *
     * @param diffId      the digest of the uncompressed tar
     * @param blob        the stored blob
     * @param description what made it, for image history
     * @param created     when it was made (RFC 3339), or null when not known
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Layer(String diffId, Descriptor blob, String description, String created) {
    }

    /** Every blob the record refers to. */
    public List<String> blobDigests() {
        return layers.stream().map(l -> l.blob().digest()).toList();
    }

    /** The total size of the record's blobs. */
    public long size() {
        return layers.stream().mapToLong(l -> l.blob().size()).sum();
    }
}
