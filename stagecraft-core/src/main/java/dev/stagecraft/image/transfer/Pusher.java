package dev.stagecraft.image.transfer;

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

    /**
     * @param executor the bounded pool blob uploads run on
     */
    public Pusher(Registries registries, ContentStore store, ExecutorService executor) {
        this.registries = registries;
        this.store = store;
        this.executor = executor;
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
     */
    public PushResult push(ImageReference target, Descriptor root, List<String> mountFrom) {
        ImageReference ref = target.tag().isPresent() || target.digest().isPresent() ? target : target.withDefaultTag();
        RegistryClient client = registries.client(ref.domain());
        String repository = ref.path();
        ImageDocument rootDoc = read(root);
        List<ImageDocument> manifests = new ArrayList<>();
        if (rootDoc instanceof ImageDocument.OfIndex index) {
            for (Descriptor child : index.index().manifests()) {
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
        Map<Digest, BlobPushOutcome> outcomes = new ConcurrentHashMap<>();
        List<Callable<Void>> tasks = new ArrayList<>();
        blobs.forEach((digest, d) -> tasks.add(() -> {
            outcomes.put(digest, client.pushBlob(repository, d, store, mountFrom));
            return null;
        }));
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
