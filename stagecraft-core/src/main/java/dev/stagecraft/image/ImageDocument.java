package dev.stagecraft.image;

import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import java.util.Arrays;

/**
 * A manifest or index together with the exact bytes it was read from or written as. Those bytes are
 * the document: its digest is their sha256, and they are what gets stored and pushed. The parsed view
 * is never serialised again, because re-serialising may reorder fields or change whitespace and so
 * change the digest.
 */
public sealed interface ImageDocument permits ImageDocument.OfManifest, ImageDocument.OfIndex {

    /** The media type: the document's own {@code mediaType} field, else what it was served as. */
    String mediaType();

    /** A copy of the raw bytes. */
    default byte[] raw() {
        return rawView().clone();
    }

    /** The sha256 of the raw bytes. */
    default Digest digest() {
        return Digest.sha256(rawView());
    }

    /** The size of the raw bytes. */
    default long size() {
        return rawView().length;
    }

    /** A descriptor of this document, without platform or annotations. */
    default Descriptor descriptor() {
        return Descriptor.of(mediaType(), digest(), size());
    }

    /** The raw bytes without a copy, for this package's writers; callers must not modify them. */
    byte[] rawView();

    /**
     * A single-platform image manifest.
     *
     * @param manifest  the parsed manifest
     * @param mediaType its media type
     * @param bytes     its raw bytes (not copied; use {@link #raw()})
     */
    record OfManifest(Manifest manifest, String mediaType, byte[] bytes) implements ImageDocument {
        @Override
        public byte[] rawView() {
            return bytes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OfManifest other && mediaType.equals(other.mediaType)
                    && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Manifest " + mediaType + " " + digest();
        }
    }

    /**
     * A multi-platform index or manifest list.
     *
     * @param index     the parsed index
     * @param mediaType its media type
     * @param bytes     its raw bytes (not copied; use {@link #raw()})
     */
    record OfIndex(Index index, String mediaType, byte[] bytes) implements ImageDocument {
        @Override
        public byte[] rawView() {
            return bytes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OfIndex other && mediaType.equals(other.mediaType)
                    && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Index " + mediaType + " " + digest();
        }
    }
}
