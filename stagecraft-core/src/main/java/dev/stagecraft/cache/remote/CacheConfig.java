package dev.stagecraft.cache.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagecraft.StagecraftException;
import dev.stagecraft.cache.CacheRecord;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cache config of BuildKit's remote cache ({@code application/vnd.buildkit.cacheconfig.v0}):
 * {@code layers}, a forest of blobs each naming its parent by index, and {@code records}, each
 * pointing at the top layer of its filesystem. The shape is BuildKit's; the record digests are
 * stagecraft's cache keys (BuildKit's are LLB digests), so a config is shared between stagecraft
 * roots, not with BuildKit. Fields of stagecraft's own ({@code step}, a layer's {@code description})
 * are extra members BuildKit would ignore.
 *
 * @param layers  the layer chains, parents before children
 * @param records the recorded steps
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CacheConfig(@JsonProperty("layers") List<Layer> layers, @JsonProperty("records") List<Record> records) {
    /** The media type of the config blob. */
    public static final String MEDIA_TYPE = "application/vnd.buildkit.cacheconfig.v0";
    private static final ObjectMapper JSON = new ObjectMapper();

    public CacheConfig {
        layers = layers == null ? List.of() : List.copyOf(layers);
        records = records == null ? List.of() : List.copyOf(records);
    }

    /**
     * One blob in a chain.
     *
     * @param blob        its digest
     * @param parent      the index of the layer under it, or -1 for a bottom layer
     * @param annotations its media type, diff id, size and making time
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Layer(@JsonProperty("blob") String blob, @JsonProperty("parent") int parent,
            @JsonProperty("annotations") Annotations annotations) {
    }

    /** What BuildKit keeps of a layer, plus what made it (stagecraft's, for image history). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Annotations(@JsonProperty("mediaType") String mediaType, @JsonProperty("diffID") String diffId,
            @JsonProperty("size") long size, @JsonProperty("createdAt") String createdAt,
            @JsonProperty("description") String description) {
    }

    /**
     * One step's result.
     *
     * @param digest  the stagecraft cache key
     * @param results the top layer of its filesystem (none for an empty filesystem)
     * @param step    what the step was
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Record(@JsonProperty("digest") String digest, @JsonProperty("layers") List<Result> results,
            @JsonProperty("step") String step) {
        public Record {
            results = results == null ? List.of() : List.copyOf(results);
        }
    }

    /** A record's result: the index of its top layer and when it was recorded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Result(@JsonProperty("layer") int layer, @JsonProperty("createdAt") String createdAt) {
    }

    /** The config of {@code records}, their shared chains stored once. */
    public static CacheConfig of(Collection<CacheRecord> records) {
        List<Layer> layers = new ArrayList<>();
        Map<String, Integer> chains = new HashMap<>();
        List<Record> out = new ArrayList<>();
        for (CacheRecord r : records) {
            int parent = -1;
            String chain = "";
            for (CacheRecord.Layer l : r.layers()) {
                chain = chain + "/" + l.blob().digest();
                Integer index = chains.get(chain);
                if (index == null) {
                    index = layers.size();
                    Descriptor b = l.blob();
                    layers.add(new Layer(b.digest(), parent,
                            new Annotations(b.mediaType(), l.diffId(), b.size(), l.created(), l.description())));
                    chains.put(chain, index);
                }
                parent = index;
            }
            out.add(new Record(r.key(), parent < 0 ? List.of() : List.of(new Result(parent, r.created())), r.step()));
        }
        return new CacheConfig(layers, out);
    }

    /** The records, each with its whole layer chain, by key. */
    public Map<String, CacheRecord> byKey() {
        Map<String, CacheRecord> out = new LinkedHashMap<>();
        for (Record r : records) {
            if (r.digest() == null) {
                continue;
            }
            List<CacheRecord.Layer> chain = new ArrayList<>();
            String created = null;
            if (!r.results().isEmpty()) {
                created = r.results().get(0).createdAt();
                int at = r.results().get(0).layer();
                int steps = 0;
                while (at >= 0) {
                    if (at >= layers.size() || ++steps > layers.size()) {
                        throw new StagecraftException("cache config: record " + r.digest() + " names layer " + at
                                + ", which is not in its layers");
                    }
                    Layer l = layers.get(at);
                    Annotations a = l.annotations();
                    if (a == null || a.diffId() == null || a.mediaType() == null) {
                        throw new StagecraftException("cache config: layer " + l.blob() + " has no media type or diffID");
                    }
                    Digest.parse(l.blob());
                    chain.add(0, new CacheRecord.Layer(a.diffId(),
                            Descriptor.of(a.mediaType(), Digest.parse(l.blob()), a.size()), a.description(), a.createdAt()));
                    at = l.parent();
                }
            }
            out.put(r.digest(), new CacheRecord(r.digest(), r.step(), created, chain));
        }
        return out;
    }

    /** Every layer blob, once each. */
    public List<Descriptor> blobs() {
        Map<String, Descriptor> out = new LinkedHashMap<>();
        for (Layer l : layers) {
            out.putIfAbsent(l.blob(), Descriptor.of(l.annotations().mediaType(), Digest.parse(l.blob()),
                    l.annotations().size()));
        }
        return List.copyOf(out.values());
    }

    /** The JSON bytes. */
    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new StagecraftException("cannot write the cache config: " + e.getMessage(), e);
        }
    }

    /** Parses a config blob. */
    public static CacheConfig parse(byte[] json) {
        try {
            return JSON.readValue(json, CacheConfig.class);
        } catch (IOException e) {
            throw new StagecraftException("cannot read the cache config: " + e.getMessage(), e);
        }
    }
}
