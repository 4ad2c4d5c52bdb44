package dev.stagecraft.graph;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A node of the build graph: an operation applied to the outputs of its input vertices.
 *
 * <p>The {@linkplain #digest() definition digest} covers the op and its inputs' digests, never
 * the {@link #name() name}, so renaming a step or moving it to another line keeps its identity.
 * Vertices are immutable and built bottom-up, so the graph cannot have cycles.
 */
public final class Vertex {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final Op op;
    private final List<Vertex> inputs;
    private final String name;
    private final String digest;

    /**
     * @param op     what the vertex does
     * @param inputs the vertices whose outputs it reads, in the order the op's indexes refer to
     * @param name   a human name for progress ({@code [build 2/4] RUN make}); not part of the digest
     */
    public Vertex(Op op, List<Vertex> inputs, String name) {
        this.op = op;
        this.inputs = List.copyOf(inputs);
        this.name = name;
        this.digest = computeDigest();
    }

    public Op op() {
        return op;
    }

    public List<Vertex> inputs() {
        return inputs;
    }

    public String name() {
        return name;
    }

    /** {@code sha256:<hex>} over the canonical JSON of the op and the digests of its inputs. */
    public String digest() {
        return digest;
    }

    /** This vertex and everything it depends on, dependencies first, each once. */
    public List<Vertex> closure() {
        List<Vertex> out = new ArrayList<>();
        collect(this, new java.util.HashSet<>(), out);
        return out;
    }

    private static void collect(Vertex v, java.util.Set<String> seen, List<Vertex> out) {
        if (!seen.add(v.digest)) {
            return;
        }
        for (Vertex in : v.inputs) {
            collect(in, seen, out);
        }
        out.add(v);
    }

    private String computeDigest() {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(definition()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The canonical JSON of the op alone, without its inputs: what a cache key covers of the
     * vertex itself (the inputs enter a key through their own keys).
     */
    public String opJson() {
        try {
            return CANONICAL.writeValueAsString(op);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a graph op", e);
        }
    }

    /** The canonical definition JSON (what the digest is computed over), for debugging and tests. */
    public String definitionJson() {
        return new String(definition(), StandardCharsets.UTF_8);
    }

    private byte[] definition() {
        try {
            return CANONICAL.writeValueAsBytes(new Definition(op, inputs.stream().map(Vertex::digest).toList()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a graph vertex", e);
        }
    }

    /**
     * What a digest covers. Typed, not a map: serialised as {@link Op}, the op carries its type
     * tag, so two kinds of op with equal fields never share a digest.
     */
    private record Definition(Op op, List<String> inputs) {
    }

    @Override
    public String toString() {
        return digest.substring(0, 19) + " " + (name == null ? op.getClass().getSimpleName() : name);
    }
}
