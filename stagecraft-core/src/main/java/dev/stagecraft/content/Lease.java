package dev.stagecraft.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A handle on a live lease of {@link Leases}: add what is being written, close when the content
 * is referenced or no longer needed.
 *
 * <pre>{@code
 * try (Lease lease = leases.create("pull " + ref, Duration.ofHours(1))) {
 *     lease.add(layerDigest);
 *     store.write(layerDigest, size, in);
 *     ...
 *     references.put(ref, manifest);
 * }
 * }</pre>
 */
public final class Lease implements AutoCloseable {
    private final Leases leases;
    private final String name;

    Lease(Leases leases, String name) {
        this.leases = leases;
        this.name = name;
    }

    /** The lease's name. */
    public String name() {
        return name;
    }

    /** Holds {@code digests} (before or after they are written). */
    public void add(Digest... digests) throws IOException {
        leases.add(name, List.of(digests));
    }

    /** Ends the lease; its digests are held no longer. */
    @Override
    public void close() {
        try {
            leases.release(name);
        } catch (IOException e) {
            // Unchecked, so try-with-resources needs no catch; the lease still ends at its expiry.
            throw new UncheckedIOException("cannot release lease " + name, e);
        }
    }
}
