package dev.stagecraft.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The {@code rootfs} of an image config: the uncompressed digests of its layers, in order. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RootFs(@JsonProperty("type") String type, @JsonProperty("diff_ids") List<String> diffIds) {
    public RootFs {
        diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
    }

    /** A rootfs with no layer yet. */
    public static RootFs layers() {
        return new RootFs("layers", List.of());
    }
}
