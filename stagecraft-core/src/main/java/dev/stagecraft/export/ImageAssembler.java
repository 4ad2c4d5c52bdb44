package dev.stagecraft.export;

import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.Lease;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.image.ContainerConfig;
import dev.stagecraft.image.History;
import dev.stagecraft.image.ImageConfig;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.Manifest;
import dev.stagecraft.image.RootFs;
import dev.stagecraft.worker.FsRef;
import dev.stagecraft.worker.LayerBlob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the image a build produced: its config (the front end's, with the layers' diff ids and
 * history made to agree with them) and its manifest, both into the content store.
 *
 * <p>As BuildKit's exporter does, layers with no entries are left out and their history entries
 * marked {@code empty_layer}; history entries without a layer are marked empty; layers without a
 * history entry get one with the comment {@code buildkit.exporter.image.v0}.
 */
public final class ImageAssembler {
    static final String EXPORTER_COMMENT = "buildkit.exporter.image.v0";

    private final LocalContentStore store;
    private final Lease lease;

    public ImageAssembler(LocalContentStore store, Lease lease) {
        this.store = store;
        this.lease = lease;
    }

    /**
     * @param config   the target stage's config from the front end
     * @param fs       the target's filesystem
     * @param labels   labels to add ({@code --label}), winning over the Dockerfile's
     * @param created  RFC 3339 time of the build: for history entries that have no time and no
     *                 layer or earlier entry to take one from, and for the image when nothing else
     *                 gives it one. As BuildKit's exporter does, an entry with a layer takes the
     *                 time the layer was made, an empty one the time of the entry before it, and
     *                 the image the latest time of its history, unless the config carries one
     *                 ({@code SOURCE_DATE_EPOCH}): a rebuild taken whole from the cache is the
     *                 same image.
     * @param dockerMediaTypes write Docker v2 schema 2 media types instead of OCI ones
     * @return the manifest, stored, with its descriptor
     */
    public ImageDocument.OfManifest assemble(ImageConfig config, FsRef fs, Map<String, String> labels,
            String created, boolean dockerMediaTypes) throws IOException {
        List<LayerBlob> layers = new ArrayList<>(fs.layers());
        List<History> history = normalise(config.history(), layers, created);
        ContainerConfig c = config.config();
        if (!labels.isEmpty()) {
            Map<String, String> merged = new TreeMap<>();
            if (c.labels() != null) {
                merged.putAll(c.labels());
            }
            merged.putAll(labels);
            c = new ContainerConfig(c.user(), c.exposedPorts(), c.env(), c.entrypoint(), c.cmd(), c.volumes(),
                    c.workingDir(), merged, c.stopSignal(), c.argsEscaped(), c.healthcheck(), c.onBuild(), c.shell());
        }
        ImageConfig out = new ImageConfig(config.created() != null ? config.created() : latest(history, created),
                config.author(),
                config.architecture(), config.os(), config.osVersion(), config.variant(), c,
                new RootFs("layers", layers.stream().map(l -> l.diffId().toString()).toList()), history);
        byte[] configBytes = out.toJson().getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.sha256(configBytes);
        lease.add(configDigest);
        store.write(configBytes);
        List<Descriptor> layerDescriptors = layers.stream().map(LayerBlob::blob).toList();
        Manifest manifest = Manifest.oci(Descriptor.of(MediaTypes.OCI_CONFIG, configDigest, configBytes.length),
                layerDescriptors);
        if (dockerMediaTypes) {
            manifest = manifest.asDockerMediaTypes();
        }
        ImageDocument.OfManifest written = ImageJson.write(manifest);
        lease.add(written.digest());
        store.write(written.raw());
        return written;
    }

    /** Drops empty layers from {@code layers} and returns the history that matches what is left. */
    static List<History> normalise(List<History> in, List<LayerBlob> layers, String created) {
        List<History> out = new ArrayList<>();
        int layer = 0;
        String known = null;
        for (History h : in) {
            boolean empty = h.emptyLayer();
            String time = h.created();
            if (!empty) {
                if (layer >= layers.size()) {
                    empty = true;
                } else if (layers.get(layer).diffId().equals(FsRef.EMPTY_LAYER_DIFF_ID)) {
                    layers.remove(layer);
                    empty = true;
                } else {
                    if (time == null) {
                        time = layers.get(layer).created();
                    }
                    layer++;
                }
            }
            if (time == null) {
                time = known != null ? known : created;
            }
            known = time;
            out.add(new History(time, h.createdBy(), h.author(), h.comment(), empty));
        }
        for (; layer < layers.size(); layer++) {
            String time = layers.get(layer).created() != null ? layers.get(layer).created()
                    : known != null ? known : created;
            known = time;
            out.add(new History(time, layers.get(layer).description(), null, EXPORTER_COMMENT, false));
        }
        return out;
    }

    /** The latest time of {@code history}, else {@code fallback}; times that do not parse are skipped. */
    static String latest(List<History> history, String fallback) {
        String latest = null;
        java.time.Instant latestTime = null;
        for (History h : history) {
            java.time.Instant t = instant(h.created());
            if (t != null && (latestTime == null || t.isAfter(latestTime))) {
                latest = h.created();
                latestTime = t;
            }
        }
        return latest != null ? latest : fallback;
    }

    private static java.time.Instant instant(String rfc3339) {
        if (rfc3339 == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(rfc3339).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
