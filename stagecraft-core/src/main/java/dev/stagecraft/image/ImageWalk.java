package dev.stagecraft.image;

import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks the blobs an image is made of: an index, its manifests, their configs and layers. Exporters
 * use it to know what to copy, importers to check that nothing is missing.
 */
public final class ImageWalk {
    /** Called for each blob before the walk reads it from the store. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * Visits one blob, e.g. to import it into the store.
         *
         * @return false when the blob is absent and may be (a non-distributable layer with urls);
         *         the walk then does not descend into it
         */
        boolean visit(Descriptor blob) throws IOException;
    }

    private ImageWalk() {
    }

    /**
     * Visits {@code root} and everything it references, each blob once, parents before children, and
     * returns the descriptors visited in that order. Manifests and indexes are read from
     * {@code store} after their visit.
     *
     * @throws ImageFormatException when a manifest or index in the tree cannot be parsed
     */
    public static List<Descriptor> walk(ContentStore store, Descriptor root, Visitor visitor) throws IOException {
        List<Descriptor> out = new ArrayList<>();
        walk(store, root, visitor, new HashSet<>(), out);
        return out;
    }

    /** Every blob of the image, all of which must be in {@code store} unless they have urls. */
    public static List<Descriptor> blobs(ContentStore store, Descriptor root) throws IOException {
        return walk(store, root, d -> requirePresent(store, d));
    }

    /** The default check: present, or absent with urls (a foreign layer fetched from elsewhere). */
    public static boolean requirePresent(ContentStore store, Descriptor d) {
        Digest digest = d.parsedDigest();
        if (store.exists(digest)) {
            return true;
        }
        if (d.urls() != null && !d.urls().isEmpty()) {
            return false;
        }
        throw new ImageFormatException("blob " + digest + " (" + d.mediaType() + ") is missing");
    }

    private static void walk(ContentStore store, Descriptor d, Visitor visitor, Set<Digest> seen,
            List<Descriptor> out) throws IOException {
        if (!seen.add(d.parsedDigest()) || !visitor.visit(d)) {
            return;
        }
        out.add(d);
        if (!MediaTypes.isManifest(d.mediaType()) && !MediaTypes.isIndex(d.mediaType())) {
            return;
        }
        ImageDocument doc = ImageJson.parseManifestOrIndex(store.read(d.parsedDigest()), d.mediaType());
        if (doc instanceof ImageDocument.OfIndex index) {
            for (Descriptor child : index.index().manifests()) {
                walk(store, child, visitor, seen, out);
            }
        } else if (doc instanceof ImageDocument.OfManifest manifest) {
            walk(store, manifest.manifest().config(), visitor, seen, out);
            for (Descriptor layer : manifest.manifest().layers()) {
                walk(store, layer, visitor, seen, out);
            }
        }
    }
}
