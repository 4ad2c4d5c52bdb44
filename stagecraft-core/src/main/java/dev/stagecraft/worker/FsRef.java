package dev.stagecraft.worker;

import dev.stagecraft.content.Digest;
import dev.stagecraft.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * A filesystem: its layers bottom first, each stored as a blob, and so a {@link Snapshot} that a
 * snapshotter can mount.
 */
public record FsRef(List<LayerBlob> layers) implements Ref {
    /** The empty filesystem. */
    public static final FsRef SCRATCH = new FsRef(List.of());

    /**
     * The diff id of a layer with no entries: 1024 zero bytes, the end of a tar. BuildKit drops
     * such layers when it writes an image and marks their history entries empty.
     */
    public static final Digest EMPTY_LAYER_DIFF_ID =
            Digest.parse("sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");

    public FsRef {
        layers = List.copyOf(layers);
    }

    /** The snapshot of these layers. */
    public Snapshot snapshot() {
        return new Snapshot(layers.stream().map(LayerBlob::diffId).toList());
    }

    /** These layers with {@code layer} on top. */
    public FsRef with(LayerBlob layer) {
        List<LayerBlob> out = new ArrayList<>(layers);
        out.add(layer);
        return new FsRef(out);
    }

    /** These layers with {@code other}'s on top. */
    public FsRef stack(FsRef other) {
        List<LayerBlob> out = new ArrayList<>(layers);
        out.addAll(other.layers);
        return new FsRef(out);
    }
}
