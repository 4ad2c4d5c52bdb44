package dev.stagecraft.api;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.Lease;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.ReferenceStore;
import dev.stagecraft.frontend.ImageMetadataResolver;
import dev.stagecraft.frontend.ResolvedImage;
import dev.stagecraft.image.ImageConfig;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.ImageWalk;
import dev.stagecraft.image.Manifest;
import dev.stagecraft.image.transfer.PullResult;
import dev.stagecraft.image.transfer.Puller;
import dev.stagecraft.reference.ImageReference;
import dev.stagecraft.reference.Platform;
import dev.stagecraft.registry.Registries;
import dev.stagecraft.worker.BaseImages;
import dev.stagecraft.worker.FsRef;
import dev.stagecraft.worker.LayerBlob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Base images for a build: taken from the local store when it has them under their name (as
 * {@code docker build} uses local images), else pulled from their registry into the store and
 * named there, like {@code docker pull}. {@code --pull} always asks the registry. Every image is
 * pinned to its manifest digest, so the build graph never depends on a tag.
 */
final class StoreImageResolver implements ImageMetadataResolver, BaseImages {
    private static final int PULL_THREADS = 4;

    private final LocalContentStore store;
    private final ReferenceStore references;
    private final Lease lease;
    private final Registries registries;
    private final boolean alwaysPull;
    private final Map<String, Descriptor> manifests = new ConcurrentHashMap<>();

    StoreImageResolver(LocalContentStore store, ReferenceStore references, Lease lease, Registries registries,
            boolean alwaysPull) {
        this.store = store;
        this.references = references;
        this.lease = lease;
        this.registries = registries;
        this.alwaysPull = alwaysPull;
    }

    @Override
    public ResolvedImage resolve(ImageReference reference, Platform platform) {
        try {
            Descriptor manifest = alwaysPull ? null : local(reference, platform).orElse(null);
            String pin;
            if (manifest == null) {
                PullResult pulled = pull(reference, platform);
                manifest = pulled.manifest();
                pin = pulled.reference().digest().orElse(manifest.digest());
                manifests.put(pin, manifest);
            } else {
                pin = reference.digest().orElse(manifest.digest());
            }
            manifests.put(manifest.digest(), manifest);
            Manifest m = manifest(manifest);
            lease.add(ImageWalk.blobs(store, manifest).stream().map(Descriptor::parsedDigest).toArray(Digest[]::new));
            ImageConfig config = ImageConfig.fromJson(store.read(m.config().parsedDigest()));
            ImageReference pinned = reference.digest().isPresent() ? reference : reference.withDigest(pin);
            return new ResolvedImage(pinned, config);
        } catch (IOException e) {
            throw new StagecraftException("failed to read the stored image " + reference + ": " + e.getMessage(), e);
        }
    }

    @Override
    public FsRef layers(String reference, String platform) throws IOException {
        ImageReference ref = ImageReference.parse(reference);
        Descriptor manifest = ref.digest().map(manifests::get).orElse(null);
        if (manifest == null) {
            // Not resolved by this build (an embedder's graph): resolve now.
            Platform p = platform == null || platform.isEmpty() ? Puller.defaultPlatform()
                    : Platform.parse(platform, Puller.defaultPlatform());
            resolve(ref, p);
            manifest = manifests.get(ref.digest().orElseGet(() -> pinnedDigestOf(ref)));
        }
        Manifest m = manifest(manifest);
        String pinned = ref.digest().isPresent() ? ref.toString() : ref.withDigest(manifest.digest()).toString();
        ImageConfig config = ImageConfig.fromJson(store.read(m.config().parsedDigest()));
        List<String> diffIds = config.rootfs().diffIds();
        if (diffIds.size() != m.layers().size()) {
            throw new StagecraftException(reference + ": the image config lists " + diffIds.size()
                    + " layers but its manifest " + m.layers().size());
        }
        List<LayerBlob> layers = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            // Made, as far as anyone here knows, when the image was: a time that stays the same
            // from build to build, for history entries the base image does not date itself.
            layers.add(new LayerBlob(Digest.parse(diffIds.get(i)), m.layers().get(i), "pulled from " + pinned,
                    config.created()));
        }
        return new FsRef(layers);
    }

    private String pinnedDigestOf(ImageReference ref) {
        try {
            return references.get(ref.withDefaultTag().toString()).map(Descriptor::digest)
                    .orElseThrow(() -> new StagecraftException("no such image: " + ref));
        } catch (IOException e) {
            throw new StagecraftException("cannot read the references: " + e.getMessage(), e);
        }
    }

    /** The stored single-platform manifest for {@code reference}, if any. */
    private Optional<Descriptor> local(ImageReference reference, Platform platform) throws IOException {
        if (reference.digest().isPresent()) {
            Digest d = Digest.parse(reference.digest().get());
            for (Descriptor named : references.list().values()) {
                if (named.parsedDigest().equals(d)) {
                    return Optional.of(named);
                }
            }
            return Optional.empty();
        }
        return references.get(reference.withDefaultTag().toString());
    }

    private PullResult pull(ImageReference reference, Platform platform) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(PULL_THREADS);
        try {
            PullResult result = new Puller(registries, store, pool).pull(reference, platform, lease);
            Descriptor m = result.manifest();
            references.put(reference.withDefaultTag().toString(), new Descriptor(m.mediaType(), m.digest(),
                    m.size(), null, m.annotations(), null));
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    private Manifest manifest(Descriptor d) throws IOException {
        ImageDocument doc = ImageJson.parseManifestOrIndex(store.read(d.parsedDigest()), d.mediaType());
        if (doc instanceof ImageDocument.OfManifest m) {
            return m.manifest();
        }
        throw new StagecraftException(d.digest() + " is " + d.mediaType() + ", not a single-platform image");
    }
}
