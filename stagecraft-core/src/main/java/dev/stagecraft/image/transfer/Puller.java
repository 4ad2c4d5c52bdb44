package dev.stagecraft.image.transfer;

import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.Lease;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageFormatException;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.Index;
import dev.stagecraft.reference.ImageReference;
import dev.stagecraft.reference.Platform;
import dev.stagecraft.registry.FetchedManifest;
import dev.stagecraft.registry.Registries;
import dev.stagecraft.registry.RegistryClient;
import dev.stagecraft.registry.RegistryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * Pulls images into a content store: a manifest list or index is resolved to one platform's
 * manifest, the config and layers are downloaded in parallel (blobs the store has are skipped),
 * and the manifest (then the index) is stored last, so a stored manifest always has its blobs.
 * Given a {@link Lease}, every digest of the image is added to it before the first blob is
 * written, so a garbage collection running meanwhile keeps them until the caller has stored a
 * reference and released the lease.
 */
public final class Puller {
    private final Registries registries;
    private final ContentStore store;
    private final ExecutorService executor;
    private final TransferListener listener;

    /**
     * @param executor the bounded pool blob downloads run on; its size bounds their parallelism
     */
    public Puller(Registries registries, ContentStore store, ExecutorService executor) {
        this(registries, store, executor, TransferListener.NONE);
    }

    /**
     * @param executor the bounded pool blob downloads run on; its size bounds their parallelism
     * @param listener told every step of every blob
     */
    public Puller(Registries registries, ContentStore store, ExecutorService executor, TransferListener listener) {
        this.registries = registries;
        this.store = store;
        this.executor = executor;
        this.listener = listener;
    }

    /** The platform pulled when none is asked for: Linux on the host's architecture. */
    public static Platform defaultPlatform() {
        Platform host = Platform.host();
        return new Platform("linux", host.architecture(), host.variant(), "");
    }

    /** Pulls for {@link #defaultPlatform()}. */
    public PullResult pull(ImageReference reference) {
        return pull(reference, defaultPlatform());
    }

    /**
     * Pulls an image ({@code latest} when the reference names neither tag nor digest).
     *
     * @throws RegistryException when the image, its platform or a blob cannot be had
     */
    public PullResult pull(ImageReference reference, Platform platform) {
        return pull(reference, platform, null);
    }

    /**
     * Pulls an image ({@code latest} when the reference names neither tag nor digest), holding
     * everything it stores, and what it finds stored already, in {@code lease}.
     *
     * @param lease the caller's lease, released by the caller once a reference holds the image;
     *              null for none
     * @throws RegistryException when the image, its platform or a blob cannot be had
     */
    public PullResult pull(ImageReference reference, Platform platform, Lease lease) {
        ImageReference ref = reference.withDefaultTag();
        RegistryClient client = registries.client(ref.domain());
        String repository = ref.path();
        FetchedManifest top = client.getManifest(repository, ref.digest().orElseGet(() -> ref.tag().orElseThrow()));
        ImageDocument doc = parse(top, ref);
        Descriptor manifestDescriptor = top.descriptor();
        FetchedManifest manifest = top;
        Optional<Descriptor> index = Optional.empty();
        if (doc instanceof ImageDocument.OfIndex ofIndex) {
            Descriptor chosen = select(ofIndex.index(), platform, ref);
            manifest = client.getManifest(repository, chosen.digest());
            doc = parse(manifest, ref);
            if (!(doc instanceof ImageDocument.OfManifest)) {
                throw new RegistryException(ref + ": the entry of " + platform.format()
                        + " is not an image manifest but " + manifest.mediaType(), ref.domain());
            }
            manifestDescriptor = new Descriptor(manifest.mediaType(), manifest.digest().toString(),
                    manifest.bytes().length, null, chosen.annotations(), chosen.platform());
            index = Optional.of(top.descriptor());
        }
        var image = ((ImageDocument.OfManifest) doc).manifest();
        List<Descriptor> blobs = new ArrayList<>();
        blobs.add(image.config());
        blobs.addAll(image.layers());
        if (lease != null) {
            List<Digest> held = new ArrayList<>();
            blobs.forEach(d -> held.add(d.parsedDigest()));
            held.add(manifest.digest());
            index.ifPresent(d -> held.add(d.parsedDigest()));
            hold(lease, held);
        }
        fetchBlobs(client, repository, image.config(), blobs);
        write(manifest);
        if (index.isPresent()) {
            write(top);
        }
        return new PullResult(ref.withDigest(top.digest().toString()), manifestDescriptor, index);
    }

    private static void hold(Lease lease, List<Digest> digests) {
        try {
            lease.add(digests.toArray(Digest[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the blobs of the pull to lease " + lease.name() + ": "
                    + e.getMessage(), e);
        }
    }

    private void fetchBlobs(RegistryClient client, String repository, Descriptor config, List<Descriptor> blobs) {
        // One download per digest: an image may hold the same layer twice.
        Map<Digest, BlobEvents> wanted = new LinkedHashMap<>();
        java.util.Set<Digest> seen = new java.util.HashSet<>();
        for (Descriptor d : blobs) {
            Digest digest = d.parsedDigest();
            boolean layer = d != config;
            if (!seen.add(digest)) {
                continue;
            }
            BlobEvents events = new BlobEvents(listener, d, layer, false);
            if (store.exists(digest)) {
                events.emit(TransferEvent.Kind.ALREADY_EXISTS);
            } else {
                wanted.put(digest, events);
                events.emit(TransferEvent.Kind.WAITING);
            }
        }
        List<Callable<Void>> tasks = new ArrayList<>();
        for (Descriptor d : blobs) {
            BlobEvents events = wanted.remove(d.parsedDigest());
            if (events != null) {
                tasks.add(() -> {
                    client.getBlob(repository, d.parsedDigest(), d.size(), store, events);
                    events.emit(TransferEvent.Kind.DONE);
                    return null;
                });
            }
        }
        Parallel.runAll(executor, tasks);
    }

    private void write(FetchedManifest m) {
        try {
            store.write(m.digest(), m.bytes().length, new ByteArrayInputStream(m.bytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store manifest " + m.digest() + ": " + e.getMessage(), e);
        }
    }

    private static ImageDocument parse(FetchedManifest m, ImageReference ref) {
        try {
            return ImageJson.parseManifestOrIndex(m.bytes(), m.mediaType());
        } catch (ImageFormatException e) {
            throw new RegistryException(ref + ": " + e.getMessage(), ref.domain());
        }
    }

    private static Descriptor select(Index index, Platform platform, ImageReference ref) {
        return index.select(platform).orElseThrow(() -> new RegistryException(ref + ": no image for platform "
                + platform.format() + " (the image has " + index.manifests().stream()
                        .filter(d -> d.platform() != null)
                        .map(d -> Platform.of(d.platform().os(), d.platform().architecture()).format()
                                + (d.platform().variant() == null ? "" : "/" + d.platform().variant()))
                        .collect(Collectors.joining(", ")) + ")", ref.domain()));
    }
}
