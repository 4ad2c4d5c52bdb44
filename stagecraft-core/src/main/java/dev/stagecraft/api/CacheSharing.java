package dev.stagecraft.api;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.api.event.BuildListener;
import dev.stagecraft.cache.CacheRecord;
import dev.stagecraft.cache.remote.CacheExports;
import dev.stagecraft.cache.remote.CacheImports;
import dev.stagecraft.cache.remote.CacheSpec;
import dev.stagecraft.cache.remote.RemoteCache;
import dev.stagecraft.cache.remote.StepRecords;
import dev.stagecraft.content.Lease;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.graph.Vertex;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.registry.Registries;
import java.io.IOException;
import java.util.List;

/**
 * A build's {@code --cache-from} and {@code --cache-to}: the sources read before solving, the
 * steps collected while solving, the inline cache put into the image, and the exports written
 * after the image. A failed export is a warning unless its spec says {@code ignore-error=false}.
 */
final class CacheSharing {
    private final List<CacheSpec> from;
    private final List<CacheSpec> to;
    private final BuildListener listener;
    private final StepRecords records = new StepRecords();

    CacheSharing(BuildRequest request) {
        this.from = request.cacheFrom().stream().map(CacheSpec::parseImport).toList();
        this.to = request.cacheTo().stream().map(CacheSpec::parseExport).toList();
        this.listener = request.listener();
    }

    /** The steps the solver reports, for the exports. */
    StepRecords records() {
        return records;
    }

    /** Reads the {@code --cache-from} sources; the ones that cannot be read are warnings. */
    RemoteCache imports(Registries registries, LocalContentStore store, Lease lease) {
        if (from.isEmpty()) {
            return RemoteCache.NONE;
        }
        return CacheImports.load(from, registries, store, lease, listener::warning);
    }

    /** {@code image} with an inline cache when a {@code --cache-to type=inline} asks for one. */
    ImageDocument.OfManifest inline(ImageDocument.OfManifest image, Vertex target, LocalContentStore store,
            Lease lease, Registries registries) {
        for (CacheSpec spec : to) {
            if (spec.type().equals("inline")) {
                try {
                    return new CacheExports(store, lease, registries).inline(image, records.imageChain(target));
                } catch (IOException | RuntimeException e) {
                    failed(spec, new StagecraftException("failed to export inline build cache: " + e.getMessage(), e));
                }
            }
        }
        return image;
    }

    /** Writes the registry and local exports. */
    void export(Vertex target, LocalContentStore store, Lease lease, Registries registries) {
        for (CacheSpec spec : to) {
            if (spec.type().equals("inline")) {
                continue;
            }
            List<CacheRecord> chosen = spec.max() ? records.all() : records.imageChain(target);
            try {
                new CacheExports(store, lease, registries).export(spec, chosen);
            } catch (StagecraftException e) {
                failed(spec, e);
            }
        }
    }

    private void failed(CacheSpec spec, StagecraftException e) {
        if (!spec.ignoreError()) {
            throw e;
        }
        listener.warning(e.getMessage());
    }
}
