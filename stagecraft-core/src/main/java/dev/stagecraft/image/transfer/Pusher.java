package dev.stagecraft.image.transfer;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageFormatException;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.Manifest;
import dev.stagecraft.reference.ImageReference;
import dev.stagecraft.registry.BlobPushOutcome;
import dev.stagecraft.registry.Registries;
import dev.stagecraft.registry.RegistryClient;
import dev.stagecraft.registry.RegistryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Pushes images from a content store: every blob first (in parallel; blobs the repository has are
 * skipped, blobs of other repositories mounted), then the platform manifests by digest, then the
 * root under the target's tag, so the tag never points at something incomplete.
 */
public final class Pusher {
    private final Registries registries;
    private final ContentStore store;
    private final ExecutorService executor;
    private final TransferListener listener;

    /**
     * @param executor the bounded pool blob uploads run on
     */
    public Pusher(Registries registries, ContentStore store, ExecutorService executor) {
        this(registries, store, executor, TransferListener.NONE);
    }

    /**
     * @param executor the bounded pool blob uploads run on
     * @param listener told every step of every blob
     */
    public Pusher(Registries registries, ContentStore store, ExecutorService executor, TransferListener listener) {
        this.registries = registries;
        this.store = store;
        this.executor = executor;
        this.listener = listener;
    }

    /** Pushes without mount sources. */
    public PushResult push(ImageReference target, Descriptor root) {
        return push(target, root, List.of());
    }

    /**
     * Pushes the manifest or index {@code root} and everything it references.
     *
     * @param target    where to (its tag, else {@code latest}; a digest-only target pushes by digest)
     * @param mountFrom repositories of the same registry that may hold the blobs already
     * @throws StagecraftException before anything is sent, when a manifest an index lists, or a
     *                             blob of a manifest, is not in the store
     */
    public PushResult push(ImageReference target, Descriptor root, List<String> mountFrom) {
        ImageReference ref = target.tag().isPresent() || target.digest().isPresent() ? target : target.withDefaultTag();
        RegistryClient client = registries.client(ref.domain());
        String repository = ref.path();
        ImageDocument rootDoc = read(root);
        List<ImageDocument> manifests = new ArrayList<>();
        if (rootDoc instanceof ImageDocument.OfIndex index) {
            for (Descriptor child : index.index().manifests()) {
                if (!store.exists(child.parsedDigest())) {
                    throw missingChild(ref, rootDoc, child);
                }
                manifests.add(read(child));
            }
        } else {
            manifests.add(rootDoc);
        }
        Map<Digest, Descriptor> blobs = new LinkedHashMap<>();
        for (ImageDocument doc : manifests) {
            if (doc instanceof ImageDocument.OfManifest m) {
                Manifest manifest = m.manifest();
                blobs.putIfAbsent(manifest.config().parsedDigest(), manifest.config());
                manifest.layers().forEach(l -> blobs.putIfAbsent(l.parsedDigest(), l));
            }
        }
        java.util.Set<Digest> configs = new java.util.HashSet<>();
        for (ImageDocument doc : manifests) {
            if (doc instanceof ImageDocument.OfManifest m) {
                configs.add(m.manifest().config().parsedDigest());
            }
        }
        for (Descriptor d : blobs.values()) {
            if (!store.exists(d.parsedDigest())) {
                throw new StagecraftException("cannot push " + ref + ": blob " + d.digest() + " (" + d.mediaType()
                        + ") of the image is not in the local store; pull or build the image again");
            }
        }
        Map<Digest, BlobPushOutcome> outcomes = new ConcurrentHashMap<>();
        List<Callable<Void>> tasks = new ArrayList<>();
        blobs.forEach((digest, d) -> {
            BlobEvents events = new BlobEvents(listener, d, !configs.contains(digest), true);
            events.emit(TransferEvent.Kind.WAITING);
            tasks.add(() -> {
                BlobPushOutcome outcome = client.pushBlob(repository, d, store, mountFrom, events);
                outcomes.put(digest, outcome);
                switch (outcome) {
                    case EXISTED -> events.emit(TransferEvent.Kind.ALREADY_EXISTS);
                    case UPLOADED, UPLOADED_IN_CHUNKS -> events.emit(TransferEvent.Kind.PUSHED);
                    case MOUNTED -> { } // told by the client, with the repository
                }
                return null;
            });
        });
        Parallel.runAll(executor, tasks);
        if (rootDoc instanceof ImageDocument.OfIndex) {
            for (ImageDocument child : manifests) {
                client.putManifest(repository, child.digest().toString(), child.mediaType(), child.raw());
            }
        }
        String reference = ref.tag().orElseGet(() -> ref.digest().orElseThrow());
        client.putManifest(repository, reference, rootDoc.mediaType(), rootDoc.raw());
        return new PushResult(ref.withDigest(rootDoc.digest().toString()), rootDoc.descriptor(), outcomes);
    }

    private static StagecraftException missingChild(ImageReference ref, ImageDocument index, Descriptor child) {
        String platform = child.platform() == null ? ""
                : " (" + child.platform().os() + "/" + child.platform().architecture()
                        + (child.platform().variant() == null ? "" : "/" + child.platform().variant()) + ")";
        return new StagecraftException("cannot push " + ref + ": the index " + index.digest() + " lists the manifest "
                + child.digest() + platform + ", which is not in the local store; an index is pushed with every"
                + " manifest it lists, so pull the image with all its platforms first, or push a"
                + " single-platform image");
    }

    private ImageDocument read(Descriptor d) {
        try {
            return ImageJson.parseManifestOrIndex(store.read(d.parsedDigest()), d.mediaType());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + d.digest() + " from the content store", e);
        } catch (ImageFormatException e) {
            throw new RegistryException(d.digest() + ": " + e.getMessage(), "");
        }
    }
}
