package dev.stagecraft.api;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.archive.Compression;
import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.Lease;
import dev.stagecraft.content.Leases;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.ReferenceStore;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.ImageTar;
import dev.stagecraft.image.archive.ArchiveImage;
import dev.stagecraft.image.archive.DockerArchive;
import dev.stagecraft.image.archive.LoadedImage;
import dev.stagecraft.image.layout.LayoutRef;
import dev.stagecraft.image.layout.OciLayout;
import dev.stagecraft.reference.ImageReference;
import dev.stagecraft.reference.InvalidReferenceException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** {@code save} and {@code load}: images to and from docker-archives, OCI archives and OCI layouts. */
final class ImageArchives {
    /** The annotation containerd (and {@code docker save} since 25) names an OCI archive's image by. */
    static final String CONTAINERD_NAME = "io.containerd.image.name";
    private static final Duration LEASE_TTL = Duration.ofHours(1);

    /** A stored image and the reference it was asked for by. */
    record Named(ImageReference reference, Descriptor descriptor) {
    }

    private final LocalContentStore store;
    private final ReferenceStore references;
    private final Leases leases;

    ImageArchives(LocalContentStore store, ReferenceStore references, Leases leases) {
        this.store = store;
        this.references = references;
        this.leases = leases;
    }

    void save(List<Named> images, ArchiveFormat format, OutputStream out) throws IOException {
        if (format == ArchiveFormat.OCI) {
            List<Descriptor> entries = new ArrayList<>();
            for (Named image : images) {
                entries.add(ociEntry(image));
            }
            OciLayout.writeArchiveEntries(store, entries, out);
            return;
        }
        // One entry per image, with all the names it was asked for, as docker save does.
        Map<Digest, List<String>> tags = new LinkedHashMap<>();
        for (Named image : images) {
            List<String> names = tags.computeIfAbsent(image.descriptor().parsedDigest(), d -> new ArrayList<>());
            ImageReference r = image.reference();
            if (r.tag().isPresent()) {
                String familiar = r.familiarName() + ":" + r.tag().get();
                if (!names.contains(familiar)) {
                    names.add(familiar);
                }
            }
        }
        List<ArchiveImage> archived = new ArrayList<>();
        tags.forEach((digest, names) -> archived.add(new ArchiveImage(digest, names)));
        DockerArchive.write(store, archived, out);
    }

    /** Saves into {@code archive} through a temp file beside it, synced and renamed once complete. */
    void save(List<Named> images, ArchiveFormat format, Path archive) throws IOException {
        Path target = archive.toAbsolutePath();
        if (!Files.isDirectory(target.getParent())) {
            throw new StagecraftException("open " + archive + ": no such file or directory");
        }
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel))) {
                save(images, format, out);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** docker's annotations: the tag as the OCI ref name, the full reference for containerd. */
    private static Descriptor ociEntry(Named image) {
        Map<String, String> annotations = new TreeMap<>();
        Descriptor d = image.descriptor();
        if (d.annotations() != null) {
            annotations.putAll(d.annotations());
        }
        annotations.put(CONTAINERD_NAME, image.reference().toString());
        image.reference().tag().ifPresent(tag -> annotations.put(OciLayout.REF_NAME, tag));
        return new Descriptor(d.mediaType(), d.digest(), d.size(), null, annotations, d.platform());
    }

    /**
     * Loads a docker-archive, OCI archive (either possibly compressed) or OCI layout directory. The
     * blobs are held by a lease until the references are in place; nothing is referenced unless
     * every image of the archive was imported and verified.
     */
    List<LoadResult> load(Path input) throws IOException {
        if (Files.isDirectory(input)) {
            return withLease(input, into -> fromLayout(OciLayout.read(input, into), into));
        }
        if (!Files.isRegularFile(input)) {
            throw new StagecraftException("open " + input + ": no such file or directory");
        }
        Compression compression;
        try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(input))) {
            compression = Compression.detect(in);
        }
        if (compression == Compression.NONE) {
            return loadTar(input);
        }
        Path plain = tempFile();
        try {
            try (InputStream in = compression.wrap(new BufferedInputStream(Files.newInputStream(input)))) {
                Files.copy(in, plain, StandardCopyOption.REPLACE_EXISTING);
            }
            return loadTar(plain);
        } finally {
            Files.deleteIfExists(plain);
        }
    }

    /** Loads from a stream (stdin): spooled to a file first, since archives are read in several passes. */
    List<LoadResult> load(InputStream in) throws IOException {
        Path spool = tempFile();
        try {
            try (InputStream plain = Compression.decompressing(in)) {
                Files.copy(plain, spool, StandardCopyOption.REPLACE_EXISTING);
            }
            return loadTar(spool);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private Path tempFile() throws IOException {
        // In the root, so a large archive is spooled where the blobs go, not into a small /tmp.
        return Files.createTempFile(store.root(), ".load-", ".tar");
    }

    private List<LoadResult> loadTar(Path tar) throws IOException {
        boolean manifestJson = false;
        boolean ociLayout = false;
        try (TarArchiveInputStream in = ImageTar.read(new BufferedInputStream(Files.newInputStream(tar)))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                String name = ImageTar.cleanName(e.getName());
                manifestJson |= name.equals("manifest.json");
                ociLayout |= name.equals("oci-layout");
            }
        } catch (IOException e) {
            throw new StagecraftException("invalid archive: " + e.getMessage(), e);
        }
        // docker save (25 and later) writes both; docker load reads manifest.json, and so do we.
        if (manifestJson) {
            return withLease(tar, into -> fromDockerArchive(DockerArchive.read(tar, into)));
        }
        if (ociLayout) {
            return withLease(tar, into -> fromLayout(OciLayout.read(tar, into), into));
        }
        throw new StagecraftException("invalid archive: it is neither a docker-archive (no manifest.json)"
                + " nor an OCI archive (no oci-layout)");
    }

    @FunctionalInterface
    private interface Importer {
        List<Pending> run(ContentStore into) throws IOException;
    }

    /** An imported image waiting for its reference. */
    private record Pending(String name, Descriptor manifest, String configDigest) {
    }

    private List<LoadResult> withLease(Path source, Importer importer) throws IOException {
        try (Lease lease = leases.create("load " + UUID.randomUUID(), LEASE_TTL)) {
            List<Pending> pending = importer.run(new LeasedStore(store, lease));
            List<LoadResult> out = new ArrayList<>();
            for (Pending p : pending) {
                if (p.name() != null) {
                    references.put(p.name(), p.manifest());
                }
                out.add(new LoadResult(p.name(), p.configDigest(), p.manifest().digest()));
            }
            return out;
        }
    }

    private static List<Pending> fromDockerArchive(List<LoadedImage> loaded) {
        List<Pending> out = new ArrayList<>();
        for (LoadedImage image : loaded) {
            ImageDocument.OfManifest m = image.manifest();
            String id = m.manifest().config().digest();
            if (image.repoTags().isEmpty()) {
                out.add(new Pending(null, m.descriptor(), id));
            }
            for (String tag : image.repoTags()) {
                out.add(new Pending(storedName(tag), m.descriptor(), id));
            }
        }
        return out;
    }

    private static List<Pending> fromLayout(List<LayoutRef> refs, ContentStore into) throws IOException {
        List<Pending> out = new ArrayList<>();
        for (LayoutRef ref : refs) {
            Descriptor d = ref.descriptor();
            Descriptor plain = new Descriptor(d.mediaType(), d.digest(), d.size(), null, null, null);
            ImageDocument doc = ImageJson.parseManifestOrIndex(into.read(d.parsedDigest()), d.mediaType());
            String id = doc instanceof ImageDocument.OfManifest m ? m.manifest().config().digest() : d.digest();
            out.add(new Pending(layoutName(ref), plain, id));
        }
        return out;
    }

    /**
     * The name of a layout entry: containerd's full name, else the ref name when it is a whole
     * reference ({@code busybox:1}, not a bare tag such as {@code latest}, which names no repository).
     */
    private static String layoutName(LayoutRef ref) {
        Map<String, String> annotations = ref.descriptor().annotations();
        String full = annotations == null ? null : annotations.get(CONTAINERD_NAME);
        if (full != null && !full.isBlank()) {
            return storedName(full);
        }
        String name = ref.name();
        if (name != null && (name.contains(":") || name.contains("/"))) {
            try {
                return storedName(name);
            } catch (StagecraftException e) {
                return null;
            }
        }
        return null;
    }

    private static String storedName(String name) {
        try {
            return ImageReference.parse(name).withDefaultTag().toString();
        } catch (InvalidReferenceException e) {
            throw new StagecraftException("invalid image name in archive: " + name + ": " + e.getMessage(), e);
        }
    }
}
