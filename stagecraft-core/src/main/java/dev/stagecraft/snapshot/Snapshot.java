package dev.stagecraft.snapshot;

import dev.stagecraft.content.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A committed, immutable filesystem: the layers it is made of, bottom first, named by their diff
 * ids (the digests of the uncompressed layer tars). The empty chain is {@code scratch}.
 *
 * @param diffIds the layers, bottom first
 */
public record Snapshot(List<Digest> diffIds) {
    /** The empty filesystem. */
    public static final Snapshot SCRATCH = new Snapshot(List.of());

    public Snapshot {
        diffIds = List.copyOf(diffIds);
    }

    /** This snapshot with one more layer on top. */
    public Snapshot with(Digest diffId) {
        List<Digest> out = new ArrayList<>(diffIds);
        out.add(diffId);
        return new Snapshot(out);
    }

    /** This snapshot without its top layer; scratch stays scratch. */
    public Snapshot parent() {
        return diffIds.isEmpty() ? this : new Snapshot(diffIds.subList(0, diffIds.size() - 1));
    }

    /**
     * The OCI chain id: the diff id of the bottom layer, then {@code sha256(parent + " " + diffId)}
     * for each layer above it; empty for scratch.
     */
    public String chainId() {
        String chain = "";
        for (Digest d : diffIds) {
            chain = chain.isEmpty() ? d.toString()
                    : Digest.sha256((chain + " " + d).getBytes(StandardCharsets.UTF_8)).toString();
        }
        return chain;
    }
}
