package dev.stagecraft.registry;

import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.Index;
import dev.stagecraft.image.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Small images made of bytes, written into a content store, for push and pull tests. */
final class TestImages {
    private TestImages() {}

    /** Random bytes, the same for the same seed. */
    static byte[] bytes(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Stores a blob and returns its descriptor. */
    static Descriptor blob(ContentStore store, String mediaType, byte[] content) throws IOException {
        Digest d = store.write(content);
        return Descriptor.of(mediaType, d, content.length);
    }

    /** An OCI image of one platform with a config and two layers; returns the stored manifest. */
    static ImageDocument.OfManifest image(ContentStore store, String arch, long seed) throws IOException {
        byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"config\":{},\"rootfs\":"
                + "{\"type\":\"layers\",\"diff_ids\":[]},\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8);
        Descriptor c = blob(store, MediaTypes.OCI_CONFIG, config);
        Descriptor l1 = blob(store, MediaTypes.OCI_LAYER_GZIP, bytes(seed, 3000));
        Descriptor l2 = blob(store, MediaTypes.OCI_LAYER_GZIP, bytes(seed + 1, 5000));
        ImageDocument.OfManifest m = ImageJson.write(Manifest.oci(c, List.of(l1, l2)));
        store.write(m.raw());
        return m;
    }

    /** An index of the given manifests, with their platforms; returns the stored index. */
    static ImageDocument.OfIndex index(ContentStore store, List<ImageDocument.OfManifest> manifests,
            List<String> archs) throws IOException {
        List<Descriptor> entries = new java.util.ArrayList<>();
        for (int i = 0; i < manifests.size(); i++) {
            Descriptor d = manifests.get(i).descriptor();
            entries.add(new Descriptor(d.mediaType(), d.digest(), d.size(), null, null,
                    new Descriptor.PlatformSpec(archs.get(i), "linux", null, null, null)));
        }
        ImageDocument.OfIndex index = ImageJson.write(Index.oci(entries));
        store.write(index.raw());
        return index;
    }
}
