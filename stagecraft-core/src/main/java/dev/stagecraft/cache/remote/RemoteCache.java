package dev.stagecraft.cache.remote;

import dev.stagecraft.cache.CacheRecord;
import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Lease;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The records of the {@code --cache-from} sources, held in memory for the length of a build: a
 * second-level index the step cache consults when the root's own index has no usable record. Only
 * the small documents are read up front; a record's layer blobs are fetched when a step hits it,
 * and only those the local store lacks.
 */
public final class RemoteCache {
    /** No sources. */
    public static final RemoteCache NONE = new RemoteCache(List.of(), m -> { });

    private final List<Imported> sources;
    private final Consumer<String> warnings;

    RemoteCache(List<Imported> sources, Consumer<String> warnings) {
        this.sources = List.copyOf(sources);
        this.warnings = warnings;
    }

    /** One source and its records by key. */
    record Imported(CacheSource source, Map<String, CacheRecord> records) {
    }

    /** How many records the sources hold. */
    public int size() {
        return sources.stream().mapToInt(s -> s.records().size()).sum();
    }

    /**
     * The record of {@code key} from the first source that has it and can deliver its layers: those
     * the store lacks are fetched into it (verified against their digests), after being added to
     * {@code lease}, so they stay while the build runs. A source failing to deliver is a warning;
     * the step then runs.
     */
    public Optional<CacheRecord> fetch(String key, ContentStore store, Lease lease) throws IOException {
        for (Imported imported : sources) {
            CacheRecord record = imported.records().get(key);
            if (record == null) {
                continue;
            }
            try {
                for (CacheRecord.Layer l : record.layers()) {
                    lease.add(l.blob().parsedDigest());
                    if (!store.exists(l.blob().parsedDigest())) {
                        imported.source().fetch(l.blob(), store);
                    }
                }
                return Optional.of(record);
            } catch (IOException | RuntimeException e) {
                warnings.accept("cannot fetch the layers of cached step " + record.step() + " from "
                        + imported.source().name() + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }
}
