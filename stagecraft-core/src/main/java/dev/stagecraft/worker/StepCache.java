package dev.stagecraft.worker;

import dev.stagecraft.cache.CacheIndex;
import dev.stagecraft.cache.CacheKeys;
import dev.stagecraft.cache.CacheRecord;
import dev.stagecraft.cache.remote.RemoteCache;
import dev.stagecraft.cache.remote.StepRecords;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.Lease;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.graph.ExecOp;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.graph.Vertex;
import dev.stagecraft.solver.ResultCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The build cache as the solver sees it, for the worker's results: RUN and file-op steps are
 * looked up and recorded in the root's {@link CacheIndex}; a record is used only when every blob
 * it names is in the content store, and those blobs are added to the build's lease before the
 * result is handed on, so a collection running meanwhile cannot take them.
 *
 * <p>Keys are {@link CacheKeys}' with this build's settings that change what a step yields
 * though the op does not say so: the layer compression, what a RUN's {@code default} network
 * is, and the {@code --add-host} names.
 */
public final class StepCache implements ResultCache<Ref> {
    private final CacheKeys keys;
    private final CacheIndex index;
    private final LocalContentStore store;
    private final Lease lease;
    private final boolean lookups;
    private final String settings;
    private final RemoteCache remote;
    private final StepRecords recorded;

    /**
     * @param lookups  false for {@code --no-cache}: nothing is taken from the cache, but what runs
     *                 is still recorded
     * @param settings the build settings that change results (compression, network, hosts), as one string
     */
    public StepCache(CacheKeys keys, CacheIndex index, LocalContentStore store, Lease lease, boolean lookups,
            String settings) {
        this(keys, index, store, lease, lookups, settings, RemoteCache.NONE, new StepRecords());
    }

    /**
     * A step cache that also consults {@code remote} (the {@code --cache-from} sources) when the
     * root has no usable record of a key, recording what it takes from there in the root's index,
     * and tells {@code recorded} every step that ran or hit, for {@code --cache-to}.
     */
    public StepCache(CacheKeys keys, CacheIndex index, LocalContentStore store, Lease lease, boolean lookups,
            String settings, RemoteCache remote, StepRecords recorded) {
        this.remote = remote;
        this.recorded = recorded;
        this.keys = keys;
        this.index = index;
        this.store = store;
        this.lease = lease;
        this.lookups = lookups;
        this.settings = settings;
    }

    @Override
    public String key(Vertex vertex, List<String> inputKeys, List<Ref> inputs) throws IOException {
        String key = keys.key(vertex, inputKeys, i -> inputs.get(i) instanceof ContextRef c ? c.context() : null);
        if (!cached(vertex)) {
            return key;
        }
        return Digest.sha256((key + "\n" + settings).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public Optional<Ref> load(Vertex vertex, String key) throws IOException {
        if (!lookups || !cached(vertex)) {
            return Optional.empty();
        }
        Optional<CacheRecord> found = index.get(key);
        if (found.isEmpty() || !held(found.get())) {
            found = remote.fetch(key, store, lease);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            try {
                index.put(found.get());
            } catch (IOException e) {
                // Used for this build all the same; the next one fetches it again.
            }
        }
        recorded.add(vertex, found.get());
        List<LayerBlob> layers = new ArrayList<>();
        for (CacheRecord.Layer l : found.get().layers()) {
            layers.add(new LayerBlob(Digest.parse(l.diffId()), l.blob(), l.description(), l.created()));
        }
        return Optional.of(new FsRef(layers));
    }

    /** Holds a record's blobs in the build's lease, then checks they are all there. */
    private boolean held(CacheRecord record) throws IOException {
        List<Digest> blobs = new ArrayList<>();
        for (String d : record.blobDigests()) {
            blobs.add(Digest.parse(d));
        }
        // Held first, then checked: a blob seen after it is held stays.
        lease.add(blobs.toArray(Digest[]::new));
        for (Digest d : blobs) {
            if (!store.exists(d)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void store(Vertex vertex, String key, Ref result) {
        if (!cached(vertex) || !(result instanceof FsRef fs)) {
            return;
        }
        List<CacheRecord.Layer> layers = new ArrayList<>();
        for (LayerBlob l : fs.layers()) {
            layers.add(new CacheRecord.Layer(l.diffId().toString(), l.blob(), l.description(), l.created()));
        }
        CacheRecord record = new CacheRecord(key, vertex.name(), DateTimeFormatter.ISO_INSTANT.format(Instant.now()), layers);
        recorded.add(vertex, record);
        try {
            index.put(record);
        } catch (IOException e) {
            // Not recorded: a later build runs the step again, which is all a missing record costs.
        }
    }

    /** Steps worth recording: they do work. Sources and merges are quick to redo from their inputs. */
    private static boolean cached(Vertex vertex) {
        return vertex.op() instanceof ExecOp || vertex.op() instanceof FileOp;
    }
}
