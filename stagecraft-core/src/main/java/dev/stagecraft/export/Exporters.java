package dev.stagecraft.export;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.archive.Compression;
import dev.stagecraft.archive.LayerExtractor;
import dev.stagecraft.archive.LayerWriter;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.ReferenceStore;
import dev.stagecraft.image.archive.ArchiveImage;
import dev.stagecraft.image.archive.DockerArchive;
import dev.stagecraft.image.layout.LayoutRef;
import dev.stagecraft.image.layout.OciLayout;
import dev.stagecraft.image.transfer.Pusher;
import dev.stagecraft.reference.ImageReference;
import dev.stagecraft.registry.Registries;
import dev.stagecraft.snapshot.Snapshotter;
import dev.stagecraft.worker.FsRef;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends a built image where the build's outputs say: named in the local store, pushed to a
 * registry, written as an OCI archive or layout, a docker-archive, or its filesystem as a tar or a
 * directory. Files are written next to their destination and renamed into place, so a failed
 * export leaves nothing half-written.
 */
public final class Exporters {
    private static final int PUSH_THREADS = 4;

    /** Opens a read-only view of a built filesystem. */
    @FunctionalInterface
    public interface FilesystemViews {
        Snapshotter.View open(FsRef fs) throws IOException;
    }

    private final LocalContentStore store;
    private final ReferenceStore references;
    private final Registries registries;
    private final FilesystemViews views;
    private final OutputStream stdout;

    public Exporters(LocalContentStore store, ReferenceStore references, Registries registries, FilesystemViews views,
            OutputStream stdout) {
        this.store = store;
        this.references = references;
        this.registries = registries;
        this.views = views;
        this.stdout = stdout;
    }

    /**
     * Exports the image {@code manifest} (whose filesystem is {@code fs}) to {@code output}.
     *
     * @param tags the build's {@code -t} names, used where the output names none
     * @return the fully qualified names the image now has (in the store or a registry)
     */
    public List<String> export(OutputSpec output, Descriptor manifest, FsRef fs, List<String> tags)
            throws IOException {
        List<String> names = output.names().isEmpty() ? tags : output.names();
        switch (output.type()) {
            case "image" -> {
                List<String> stored = new ArrayList<>();
                for (String n : names) {
                    ImageReference ref = ImageReference.parse(n).withDefaultTag();
                    references.put(ref.toString(), manifest);
                    stored.add(ref.toString());
                }
                if (output.flag("push", false)) {
                    if (names.isEmpty()) {
                        throw new StagecraftException("push requires an image name: use -t NAME or name=NAME");
                    }
                    for (String n : names) {
                        push(ImageReference.parse(n).withDefaultTag(), manifest);
                    }
                }
                return stored;
            }
            case "oci" -> {
                List<LayoutRef> refs = new ArrayList<>();
                if (names.isEmpty()) {
                    refs.add(new LayoutRef(null, manifest));
                }
                for (String n : names) {
                    refs.add(new LayoutRef(ImageReference.parse(n).withDefaultTag().toString(), manifest));
                }
                if (output.flag("tar", true)) {
                    toFile(output.dest(), out -> OciLayout.writeArchive(store, refs, out));
                } else {
                    OciLayout.write(store, refs, Path.of(output.dest()));
                }
                return List.of();
            }
            case "docker" -> {
                List<String> repoTags = names.stream()
                        .map(n -> ImageReference.parse(n).withDefaultTag().familiarString()).toList();
                toFile(output.dest(), out -> DockerArchive.write(store,
                        List.of(new ArchiveImage(manifest.parsedDigest(), repoTags)), out));
                return List.of();
            }
            case "tar" -> {
                try (Snapshotter.View view = views.open(fs)) {
                    toFile(output.dest(), out -> LayerWriter.builder().compression(Compression.NONE).build()
                            .write(view.root(), out));
                }
                return List.of();
            }
            case "local" -> {
                try (Snapshotter.View view = views.open(fs)) {
                    toDirectory(view.root(), Path.of(output.dest()));
                }
                return List.of();
            }
            default -> throw new StagecraftException("unknown output type " + output.type());
        }
    }

    private void push(ImageReference ref, Descriptor manifest) {
        ExecutorService pool = Executors.newFixedThreadPool(PUSH_THREADS);
        try {
            new Pusher(registries, store, pool).push(ref, manifest);
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private void toFile(String dest, Writer writer) throws IOException {
        if (dest.equals("-")) {
            writer.write(stdout);
            stdout.flush();
            return;
        }
        Path target = Path.of(dest).toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Copies a filesystem into {@code dest} (created, or added to) through a tar, keeping owners, modes and times. */
    private static void toDirectory(Path source, Path dest) throws IOException {
        Files.createDirectories(dest);
        Path tmp = Files.createTempFile(dest.toAbsolutePath().getParent(), ".stagecraft-local", ".tar");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                LayerWriter.builder().compression(Compression.NONE).build().write(source, out);
            }
            try (var in = Files.newInputStream(tmp)) {
                new LayerExtractor().apply(in, dest);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
