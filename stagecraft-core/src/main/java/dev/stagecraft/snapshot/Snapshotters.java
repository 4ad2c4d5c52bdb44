package dev.stagecraft.snapshot;

import dev.stagecraft.StagecraftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Chooses and opens the snapshotter for a stagecraft root. */
public final class Snapshotters {
    /** Probe results per directory: a mount costs a few milliseconds, and the answer does not change. */
    private static final Map<Path, String> PROBED = new ConcurrentHashMap<>();

    private Snapshotters() {
    }

    /**
     * Opens the snapshotter for {@code mode} with its state under {@code dir} (the engine passes
     * {@code <root>/snapshots}): {@code overlay} keeps it in {@code dir/overlay}, {@code native}
     * in {@code dir/native}. {@code auto} mounts a tiny overlay under {@code dir} once (then
     * removes it) and takes overlay if that worked, native otherwise.
     *
     * @throws StagecraftException for an unknown mode, or {@code overlay} when overlayfs cannot
     *     be mounted there (with the reason)
     */
    public static Snapshotter open(Path dir, String mode) throws IOException {
        Path base = Files.createDirectories(dir.toAbsolutePath().normalize());
        return switch (mode) {
            case "overlay" -> {
                String failure = probe(base);
                if (failure != null) {
                    throw new StagecraftException("the overlay snapshotter cannot be used under " + base + ": "
                            + failure + " (use the native snapshotter where overlayfs cannot mount)");
                }
                yield new OverlaySnapshotter(base.resolve("overlay"));
            }
            case "native" -> new NativeSnapshotter(base.resolve("native"));
            case "auto" -> probe(base) == null ? new OverlaySnapshotter(base.resolve("overlay"))
                    : new NativeSnapshotter(base.resolve("native"));
            default -> throw new StagecraftException("unknown snapshotter \"" + mode + "\": use auto, overlay or native");
        };
    }

    /** Null if overlayfs mounts with a writable upper under {@code base}, else why not. */
    static String probe(Path base) throws IOException {
        String known = PROBED.get(base);
        if (known != null) {
            return known.isEmpty() ? null : known;
        }
        // A success is remembered on disk for the file system it was found on, so later
        // processes skip the mount; a failure is probed again, as it may be transient.
        Path marker = base.resolve("overlay-works");
        String device = String.valueOf(Files.getAttribute(base, "unix:dev"));
        if (Files.isRegularFile(marker) && Files.readString(marker).strip().equals(device)) {
            PROBED.put(base, "");
            return null;
        }
        String failure = null;
        Path probes = base.resolve("probe");
        LockedDir.sweep(probes);
        try (LockedDir dir = LockedDir.create(probes)) {
            try {
                Path merged = OverlayMount.mount(dir.path(), List.of(), true);
                Files.createFile(merged.resolve("probe"));
            } catch (StagecraftException | IOException e) {
                failure = e.getMessage();
            }
        }
        PROBED.put(base, failure == null ? "" : failure);
        if (failure == null) {
            Path tmp = Files.createTempFile(base, ".overlay-works", ".tmp");
            Files.writeString(tmp, device + "\n");
            Files.move(tmp, marker, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return failure;
    }
}
