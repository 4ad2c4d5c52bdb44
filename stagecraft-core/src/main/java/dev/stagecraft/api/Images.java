package dev.stagecraft.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagecraft.StagecraftException;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.Lease;
import dev.stagecraft.content.Leases;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.content.ReferenceStore;
import dev.stagecraft.image.ImageConfig;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.Manifest;
import dev.stagecraft.image.transfer.PullResult;
import dev.stagecraft.image.transfer.Puller;
import dev.stagecraft.image.transfer.PushResult;
import dev.stagecraft.image.transfer.Pusher;
import dev.stagecraft.image.transfer.TransferListener;
import dev.stagecraft.reference.ImageReference;
import dev.stagecraft.reference.Platform;
import dev.stagecraft.registry.Registries;
import dev.stagecraft.registry.RegistryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The images of one stagecraft root directory: pull, push, list, inspect, tag and remove, as the
 * {@code docker} commands of those names do.
 *
 * <p>References are stored under their fully qualified name ({@code docker.io/library/busybox:1}),
 * with {@code latest} added when a reference names neither tag nor digest. A reference points at a
 * single-platform image manifest: a pull of a multi-platform image stores the chosen platform's
 * manifest, its config and its layers.
 *
 * <p>Every error is a {@link StagecraftException} with a message for the user.
 */
public final class Images {
    private static final int TRANSFER_THREADS = 4;
    private static final Duration LEASE_TTL = Duration.ofHours(1);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final LocalContentStore store;
    private final ReferenceStore references;
    private final Leases leases;
    private final RegistrySettings settings;

    private Images(LocalContentStore store, ReferenceStore references, Leases leases, RegistrySettings settings) {
        this.store = store;
        this.references = references;
        this.leases = leases;
        this.settings = settings;
    }

    /** The root directory when none is given: {@code $STAGECRAFT_ROOT}, {@code /var/lib/stagecraft} for root, else under the user's data directory. */
    public static Path defaultRoot() {
        return LocalContentStore.defaultRoot();
    }

    /** Opens the images under {@code root} (created when absent), talking to secure registries only. */
    public static Images open(Path root) {
        return open(root, RegistrySettings.defaults());
    }

    /** Opens the images under {@code root} (created when absent). */
    public static Images open(Path root, RegistrySettings settings) {
        try {
            return new Images(LocalContentStore.open(root), ReferenceStore.open(root), Leases.open(root), settings);
        } catch (IOException e) {
            throw io("cannot open the image store at " + root, e);
        }
    }

    /** The root directory. */
    public Path root() {
        return store.root();
    }

    /**
     * Pulls an image and points its reference at it.
     *
     * @param platform {@code os/arch[/variant]}, or null for Linux on the host's architecture
     */
    public PullSummary pull(String ref, String platform) {
        return pull(ref, platform, TransferProgress.NONE);
    }

    /**
     * Pulls an image and points its reference at it, telling {@code progress} every step of every
     * blob. Everything the pull stores is held by a lease until the reference is stored, so a
     * concurrent garbage collection keeps it.
     *
     * @param platform {@code os/arch[/variant]}, or null for Linux on the host's architecture
     */
    public PullSummary pull(String ref, String platform, TransferProgress progress) {
        ImageReference reference = parse(ref);
        Platform wanted = platform == null || platform.isBlank() ? Puller.defaultPlatform()
                : Platform.parse(platform, Puller.defaultPlatform());
        ExecutorService pool = Executors.newFixedThreadPool(TRANSFER_THREADS);
        try (Lease lease = leases.create("pull " + reference + " " + UUID.randomUUID(), LEASE_TTL)) {
            PullResult result = new Puller(registries(), store, pool, listener(progress))
                    .pull(reference, wanted, lease);
            Descriptor target = result.manifest();
            references.put(name(reference), new Descriptor(target.mediaType(), target.digest(), target.size(),
                    null, target.annotations(), null));
            return new PullSummary(name(reference), result.reference().digest().orElse(target.digest()),
                    target.digest());
        } catch (IOException e) {
            throw io("cannot pull " + ref, e);
        } catch (UncheckedIOException e) {
            throw io("cannot pull " + ref, e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Pushes a stored image to the registry its reference names.
     *
     * @return the pushed manifest's digest
     */
    public String push(String ref) {
        return push(ref, TransferProgress.NONE);
    }

    /**
     * Pushes a stored image to the registry its reference names, telling {@code progress} every
     * step of every blob.
     *
     * @return the pushed manifest's digest
     */
    public String push(String ref, TransferProgress progress) {
        ImageReference reference = parse(ref);
        Descriptor root = resolve(reference);
        ExecutorService pool = Executors.newFixedThreadPool(TRANSFER_THREADS);
        try {
            ImageReference target = reference.digest().isPresent() && reference.tag().isEmpty()
                    ? reference : reference.withDefaultTag();
            PushResult result = new Pusher(registries(), store, pool, listener(progress)).push(target, root);
            return result.root().digest();
        } catch (UncheckedIOException e) {
            throw io("cannot push " + ref, e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static TransferListener listener(TransferProgress progress) {
        return e -> progress.onEvent(new TransferProgress.Event(e.digest().toString(), e.layer(),
                TransferProgress.Status.valueOf(e.kind().name()), e.current(), e.total(), e.detail()));
    }

    /** Every stored image, sorted by reference. */
    public List<ImageSummary> list() {
        List<ImageSummary> out = new ArrayList<>();
        for (Map.Entry<String, Descriptor> e : referenceMap().entrySet()) {
            ImageReference reference = ImageReference.parse(e.getKey());
            Loaded image = load(e.getKey(), e.getValue());
            long size = image.manifest.config().size()
                    + image.manifest.layers().stream().mapToLong(Descriptor::size).sum();
            String created = image.config.created() == null ? "" : image.config.created();
            out.add(new ImageSummary(e.getKey(), reference.familiarName(), reference.tag().orElse("<none>"),
                    image.manifest.config().digest(), e.getValue().digest(), size, created));
        }
        return out;
    }

    /** The manifest and config of a stored image. */
    public ImageDetails inspect(String ref) {
        ImageReference reference = parse(ref);
        Descriptor root = resolve(reference);
        Loaded image = load(reference.toString(), root);
        String manifestJson = new String(image.manifestBytes, StandardCharsets.UTF_8);
        String configJson = new String(image.configBytes, StandardCharsets.UTF_8);
        ObjectNode doc = JSON.createObjectNode();
        doc.put("Reference", name(reference));
        doc.put("Id", image.manifest.config().digest());
        doc.put("Digest", root.digest());
        doc.put("MediaType", root.mediaType());
        doc.set("Manifest", tree(image.manifestBytes));
        doc.set("Config", tree(image.configBytes));
        String json;
        try {
            json = JSON.writeValueAsString(doc);
        } catch (IOException e) {
            throw io("cannot format " + ref, e);
        }
        return new ImageDetails(name(reference), root.digest(), root.mediaType(), manifestJson, configJson, json);
    }

    /** Points {@code target} at the image {@code source} names, as {@code docker tag} does. */
    public void tag(String source, String target) {
        Descriptor image = resolve(parse(source));
        ImageReference to = parse(target);
        try {
            references.put(name(to), image);
        } catch (IOException e) {
            throw io("cannot tag " + target, e);
        }
    }

    /**
     * Removes a reference. Its blobs stay until the store's garbage collector finds nothing
     * referencing them.
     *
     * @return the digest the reference pointed at
     */
    public String remove(String ref) {
        ImageReference reference = parse(ref);
        try {
            return references.remove(name(reference))
                    .orElseThrow(() -> noSuchImage(ref)).digest();
        } catch (IOException e) {
            throw io("cannot remove " + ref, e);
        }
    }

    /**
     * Makes a single-layer image of a directory tree and points {@code ref} at it ({@code docker
     * import} of a directory). Owners and times are the files' own.
     *
     * @param platform {@code os/arch[/variant]}, or null for Linux on the host's architecture
     * @return the manifest's digest
     */
    public String importTree(Path tree, String ref, String platform) {
        ImageReference reference = parse(ref);
        Platform p = platform == null || platform.isBlank() ? Puller.defaultPlatform()
                : Platform.parse(platform, Puller.defaultPlatform());
        try (Lease lease = leases.create("import " + reference + " " + UUID.randomUUID(), LEASE_TTL)) {
            dev.stagecraft.archive.WrittenLayer layer;
            try (dev.stagecraft.content.BlobWriter out = store.writer()) {
                layer = dev.stagecraft.archive.LayerWriter.builder()
                        .compression(dev.stagecraft.archive.Compression.GZIP).build().write(tree, out);
                lease.add(layer.digest());
                out.commit();
            }
            String created = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            ImageConfig config = new ImageConfig(created, null, p.architecture(), p.os(), null,
                    p.variant() == null || p.variant().isEmpty() ? null : p.variant(), null,
                    new dev.stagecraft.image.RootFs("layers", List.of(layer.diffId().toString())), List.of());
            byte[] configBytes = config.toJson().getBytes(StandardCharsets.UTF_8);
            Digest configDigest = Digest.sha256(configBytes);
            lease.add(configDigest);
            store.write(configBytes);
            ImageDocument.OfManifest manifest = ImageJson.write(Manifest.oci(
                    Descriptor.of(MediaTypes.OCI_CONFIG, configDigest, configBytes.length),
                    List.of(Descriptor.of(layer.mediaType(), layer.digest(), layer.size()))));
            lease.add(manifest.digest());
            store.write(manifest.raw());
            references.put(name(reference), manifest.descriptor());
            return manifest.digest().toString();
        } catch (IOException e) {
            throw io("cannot import " + tree, e);
        }
    }

    /**
     * Writes stored images to {@code out} as one archive, as {@code docker save} does; the stream
     * stays open. Several names of one image give one docker-archive entry with all of them.
     *
     * @param refs the images, by reference (tag or digest)
     */
    public void save(List<String> refs, ArchiveFormat format, java.io.OutputStream out) {
        List<ImageArchives.Named> images = namedImages(refs);
        try {
            new ImageArchives(store, references, leases).save(images, format, out);
        } catch (IOException e) {
            throw io("cannot save " + String.join(" ", refs), e);
        }
    }

    /**
     * Writes stored images to the file {@code archive}, atomically: into a temp file beside it,
     * renamed over it once complete, so a failure leaves no half-written archive.
     */
    public void save(List<String> refs, ArchiveFormat format, Path archive) {
        List<ImageArchives.Named> images = namedImages(refs);
        try {
            new ImageArchives(store, references, leases).save(images, format, archive);
        } catch (IOException e) {
            throw io("cannot save to " + archive, e);
        }
    }

    /**
     * Imports the images of a docker-archive, an OCI archive (either may be gzip or zstd
     * compressed) or an OCI layout directory, as {@code docker load} does. Every blob is verified
     * against its digest; the images are named from the archive ({@code RepoTags}, or
     * {@code io.containerd.image.name} / a full {@code org.opencontainers.image.ref.name}), and no
     * name is set unless the whole archive was imported.
     */
    public List<LoadResult> load(Path archive) {
        try {
            return new ImageArchives(store, references, leases).load(archive);
        } catch (IOException e) {
            throw io("cannot load " + archive, e);
        } catch (UncheckedIOException e) {
            throw io("cannot load " + archive, e.getCause());
        }
    }

    /** {@link #load(Path)} of an archive read from a stream (stdin), which is read to its end, not closed. */
    public List<LoadResult> load(java.io.InputStream archive) {
        try {
            return new ImageArchives(store, references, leases).load(archive);
        } catch (IOException e) {
            throw io("cannot load the archive", e);
        } catch (UncheckedIOException e) {
            throw io("cannot load the archive", e.getCause());
        }
    }

    /**
     * Makes a single-layer image of a root filesystem, as {@code docker import} does: a tarball
     * (plain, gzip, bzip2, xz or zstd, told by content) is stored decompressed as the layer; a
     * directory is archived into a gzip layer.
     *
     * @param source   the tarball or directory
     * @param ref      the name to give the image, or null for none (the next prune removes it then)
     * @param platform {@code os/arch[/variant]}, or null for Linux on the host's architecture
     * @param message  the history comment, or null
     * @param changes  Dockerfile instructions for the config ({@code --change}): CMD, ENTRYPOINT,
     *                 ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR
     * @return the image id: the config's digest
     */
    public String importImage(Path source, String ref, String platform, String message, List<String> changes) {
        try {
            return new ImageImports(store, references, leases).importPath(source, importName(ref),
                    importPlatform(platform), message, ImportChanges.apply(changes));
        } catch (IOException e) {
            throw io("cannot import " + source, e);
        }
    }

    /** {@link #importImage(Path, String, String, String, List)} without changes. */
    public String importImage(Path source, String ref, String platform, String message) {
        return importImage(source, ref, platform, message, List.of());
    }

    /** {@link #importImage(Path, String, String, String, List)} of a tarball read from a stream (stdin). */
    public String importImage(java.io.InputStream tarball, String ref, String platform, String message,
            List<String> changes) {
        try {
            return new ImageImports(store, references, leases).importStream(tarball, importName(ref),
                    importPlatform(platform), message, ImportChanges.apply(changes), "the tarball on stdin");
        } catch (IOException e) {
            throw io("cannot import the tarball", e);
        }
    }

    /** What the root holds and what {@link #prune(boolean)} would free. */
    public StoreUsage usage() {
        try {
            return new StoreMaintenance(root(), store, references, leases).usage();
        } catch (IOException e) {
            throw io("cannot measure " + root(), e);
        }
    }

    /**
     * Deletes the blobs no reference, no build cache record and no live lease holds (content another
     * process is pulling, building or loading has a lease). With {@code all}, every reference and
     * every build cache record is removed first, as {@code docker image prune -a} and
     * {@code docker builder prune -a} together would: only leased content stays.
     */
    public PruneResult prune(boolean all) {
        try {
            return new StoreMaintenance(root(), store, references, leases).prune(all);
        } catch (IOException e) {
            throw io("cannot prune " + root(), e);
        }
    }

    /**
     * Deletes the blobs and unpacked layers nothing holds, after removing what {@code options}
     * selects: every reference and cache record ({@code all}), the cache records not used within
     * {@code until}, and the least recently used records until the blobs the cache alone holds fit
     * {@code keepStorage}. A running build's content is kept: its blobs are in its lease, and
     * unpacked layers are not collected while a build uses snapshots.
     */
    public PruneResult prune(PruneOptions options) {
        try {
            return new StoreMaintenance(root(), store, references, leases).prune(options);
        } catch (IOException e) {
            throw io("cannot prune " + root(), e);
        }
    }

    /** The build cache records of the root, most recently used first. */
    public List<BuildCacheRecord> cacheRecords() {
        try {
            return new StoreMaintenance(root(), store, references, leases).cacheRecords();
        } catch (IOException e) {
            throw io("cannot read the build cache of " + root(), e);
        }
    }

    private List<ImageArchives.Named> namedImages(List<String> refs) {
        if (refs == null || refs.isEmpty()) {
            throw new StagecraftException("at least one image is required");
        }
        List<ImageArchives.Named> images = new ArrayList<>();
        for (String ref : refs) {
            ImageReference reference = parse(ref);
            Descriptor root = resolve(reference);
            ImageReference named = reference.digest().isPresent() && reference.tag().isEmpty()
                    ? reference : reference.withDefaultTag();
            images.add(new ImageArchives.Named(named, root));
        }
        return images;
    }

    private static String importName(String ref) {
        return ref == null || ref.isBlank() ? null : name(parse(ref));
    }

    private static Platform importPlatform(String platform) {
        return platform == null || platform.isBlank() ? Puller.defaultPlatform()
                : Platform.parse(platform, Puller.defaultPlatform());
    }

    private Registries registries() {
        return new Registries(RegistryOptions.defaults()
                .withInsecureRegistries(settings.insecureRegistries().toArray(String[]::new)));
    }

    private static ImageReference parse(String ref) {
        if (ref == null || ref.isBlank()) {
            throw new StagecraftException("an image reference is required");
        }
        return ImageReference.parse(ref);
    }

    /** The name a reference is stored under: fully qualified, {@code latest} when it has neither tag nor digest. */
    private static String name(ImageReference reference) {
        return reference.withDefaultTag().toString();
    }

    private Map<String, Descriptor> referenceMap() {
        try {
            return references.list();
        } catch (IOException e) {
            throw io("cannot read the references of " + root(), e);
        }
    }

    /** The stored manifest a reference names: by its name, else (a digest-only reference) by digest. */
    private Descriptor resolve(ImageReference reference) {
        try {
            Optional<Descriptor> named = references.get(name(reference));
            if (named.isPresent()) {
                return named.get();
            }
        } catch (IOException e) {
            throw io("cannot read the references of " + root(), e);
        }
        if (reference.digest().isPresent()) {
            String digest = reference.digest().get();
            String repository = reference.repository();
            for (Map.Entry<String, Descriptor> e : referenceMap().entrySet()) {
                if (e.getValue().digest().equals(digest)
                        && ImageReference.parse(e.getKey()).repository().equals(repository)) {
                    return e.getValue();
                }
            }
        }
        throw noSuchImage(reference.withDefaultTag().familiarString());
    }

    private static StagecraftException noSuchImage(String ref) {
        return new StagecraftException("No such image: " + ref);
    }

    private record Loaded(Manifest manifest, byte[] manifestBytes, ImageConfig config, byte[] configBytes) {
    }

    private Loaded load(String name, Descriptor d) {
        try {
            byte[] raw = store.read(d.parsedDigest());
            ImageDocument doc = ImageJson.parseManifestOrIndex(raw, d.mediaType());
            if (!(doc instanceof ImageDocument.OfManifest m)) {
                throw new StagecraftException(name + ": " + d.mediaType() + " is not a single-platform image");
            }
            byte[] config = store.read(m.manifest().config().parsedDigest());
            return new Loaded(m.manifest(), raw, ImageConfig.fromJson(config), config);
        } catch (IOException e) {
            throw io("cannot read " + name, e);
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw io("malformed JSON", e);
        }
    }

    private static StagecraftException io(String what, IOException e) {
        return new StagecraftException(what + ": " + e.getMessage(), e);
    }
}
