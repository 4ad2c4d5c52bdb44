package dev.stagecraft.image.layout;

import dev.stagecraft.content.Descriptor;

/**
 * One entry of an OCI layout's {@code index.json}: an image and the name it goes by.
 *
 * @param name       the {@code org.opencontainers.image.ref.name} annotation (a tag such as
 *                   {@code latest}), or null for an unnamed entry
 * @param descriptor the image's manifest or index, as listed (annotations included)
 */
public record LayoutRef(String name, Descriptor descriptor) {
}
