package dev.stagecraft.registry;

import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;

/**
 * A manifest or index as the registry sent it: the exact bytes (its digest covers them) and what
 * they are.
 *
 * @param bytes     the raw content
 * @param mediaType its media type
 * @param digest    the digest of {@code bytes}
 */
public record FetchedManifest(byte[] bytes, String mediaType, Digest digest) {
    /** A descriptor of this content. */
    public Descriptor descriptor() {
        return Descriptor.of(mediaType, digest, bytes.length);
    }
}
