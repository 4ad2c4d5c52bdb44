package dev.stagecraft.api;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.archive.Compression;
import dev.stagecraft.archive.LayerWriter;
import dev.stagecraft.archive.WrittenLayer;
import dev.stagecraft.content.BlobWriter;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.Lease;
import dev.stagecraft.content.Leases;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.content.ReferenceStore;
import dev.stagecraft.image.ContainerConfig;
import dev.stagecraft.image.History;
import dev.stagecraft.image.ImageConfig;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.ImageTar;
import dev.stagecraft.image.Manifest;
import dev.stagecraft.image.RootFs;
import dev.stagecraft.reference.Platform;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdUtils;

/**
 * {@code docker import}: a root filesystem, as a tarball or a directory, becomes a single-layer
 * image. A tarball is stored as docker stores it, decompressed but otherwise as given, so its diff
 * id is the digest of the tar the user supplied.
 */
final class ImageImports {
    private static final Duration LEASE_TTL = Duration.ofHours(1);

    private final LocalContentStore store;
    private final ReferenceStore references;
    private final Leases leases;

    ImageImports(LocalContentStore store, ReferenceStore references, Leases leases) {
        this.store = store;
        this.references = references;
        this.leases = leases;
    }

    /**
     * Imports {@code source} (a directory, or a file read as a tarball) as {@code name} (null for an
     * unnamed image, which the next prune removes).
     *
     * @return the image id (the config's digest)
     */
    String importPath(Path source, String name, Platform platform, String message, ContainerConfig changes)
            throws IOException {
        if (Files.isDirectory(source)) {
            return withLease(name, platform, message, changes, lease -> {
                try (BlobWriter out = store.writer()) {
                    WrittenLayer layer = LayerWriter.builder().compression(Compression.GZIP).build().write(source, out);
                    lease.add(layer.digest());
                    out.commit();
                    return new Layer(Descriptor.of(layer.mediaType(), layer.digest(), layer.size()), layer.diffId());
                }
            });
        }
        if (!Files.isRegularFile(source)) {
            throw new StagecraftException("open " + source + ": no such file or directory");
        }
        try (InputStream in = Files.newInputStream(source)) {
            return importStream(in, name, platform, message, changes, source.toString());
        }
    }

    /** Imports a tarball read from {@code in} (stdin); see {@link #importPath}. */
    String importStream(InputStream in, String name, Platform platform, String message, ContainerConfig changes,
            String what) throws IOException {
        return withLease(name, platform, message, changes, lease -> {
            Digest digest;
            long size;
            try (InputStream tar = decompressing(new BufferedInputStream(in), what);
                    BlobWriter out = store.writer()) {
                tar.transferTo(out);
                size = out.size();
                digest = out.commit();
            }
            lease.add(digest);
            checkTar(digest, what);
            return new Layer(Descriptor.of(MediaTypes.OCI_LAYER, digest, size), digest);
        });
    }

    private record Layer(Descriptor descriptor, Digest diffId) {
    }

    @FunctionalInterface
    private interface LayerSource {
        Layer write(Lease lease) throws IOException;
    }

    private String withLease(String name, Platform p, String message, ContainerConfig changes, LayerSource source)
            throws IOException {
        try (Lease lease = leases.create("import " + UUID.randomUUID(), LEASE_TTL)) {
            Layer layer = source.write(lease);
            String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            String comment = message == null || message.isEmpty() ? null : message;
            ImageConfig config = new ImageConfig(created, null, p.architecture(), p.os(), null,
                    p.variant() == null || p.variant().isEmpty() ? null : p.variant(), changes,
                    new RootFs("layers", List.of(layer.diffId().toString())),
                    List.of(new History(created, null, null, comment, false)));
            byte[] configBytes = config.toJson().getBytes(StandardCharsets.UTF_8);
            Digest configDigest = Digest.sha256(configBytes);
            lease.add(configDigest);
            store.write(configBytes);
            ImageDocument.OfManifest manifest = ImageJson.write(Manifest.oci(
                    Descriptor.of(MediaTypes.OCI_CONFIG, configDigest, configBytes.length),
                    List.of(layer.descriptor())));
            lease.add(manifest.digest());
            store.write(manifest.raw());
            if (name != null) {
                references.put(name, manifest.descriptor());
            }
            return configDigest.toString();
        }
    }

    private static InputStream decompressing(BufferedInputStream in, String what) throws IOException {
        in.mark(16);
        byte[] head = in.readNBytes(16);
        in.reset();
        String format = null;
        if (GzipCompressorInputStream.matches(head, head.length)) {
            format = CompressorStreamFactory.GZIP;
        } else if (BZip2CompressorInputStream.matches(head, head.length)) {
            format = CompressorStreamFactory.BZIP2;
        } else if (XZCompressorInputStream.matches(head, head.length)) {
            format = CompressorStreamFactory.XZ;
        } else if (ZstdUtils.matches(head, head.length)) {
            format = CompressorStreamFactory.ZSTANDARD;
        }
        if (format == null) {
            return in; // a plain tar, checked once stored
        }
        try {
            return new CompressorStreamFactory().createCompressorInputStream(format, in, true);
        } catch (CompressorException e) {
            throw new StagecraftException("cannot decompress " + what + " (" + format + "): " + e.getMessage(), e);
        }
    }

    /** Reads the stored layer through, so a file that is not a tar is refused before an image names it. */
    private void checkTar(Digest digest, String what) throws IOException {
        int entries = 0;
        try (InputStream in = store.open(digest); TarArchiveInputStream tar = ImageTar.read(in)) {
            while (tar.getNextEntry() != null) {
                entries++;
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new StagecraftException(what + " is not a tar archive: " + e.getMessage(), e);
        }
        if (entries == 0) {
            throw new StagecraftException(what + " is not a tar archive: it has no entries");
        }
    }
}
