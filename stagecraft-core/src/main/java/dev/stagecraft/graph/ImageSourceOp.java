package dev.stagecraft.graph;

/**
 * The root filesystem of an image.
 *
 * @param reference the image reference, pinned to a digest when it was resolved
 * @param platform  the platform to take from a multi-platform image, {@code os/arch[/variant]}
 */
public record ImageSourceOp(String reference, String platform) implements Op {
}
