package dev.stagecraft.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What the last build of one Dockerfile and target keyed, kept to explain the next build's cache
 * misses: every cached kind of step (RUN, COPY/ADD, WORKDIR) with its key, its op definition and
 * where each input came from, and the entries of every build context selection those keys covered.
 *
 * @param version    the record format; a record of another version is not compared with
 * @param settings   the build settings that enter step keys (compression, network, hosts)
 * @param steps      the steps in Dockerfile order
 * @param selections the entries of each context selection, by the selection's checksum: a
 *                   selection several steps share (or that did not change) is kept once
 */
public record BuildRecord(int version, String settings, List<Step> steps,
        Map<String, Map<String, String>> selections) {
    /** The current format. */
    public static final int VERSION = 1;

    public BuildRecord {
        steps = List.copyOf(steps);
        selections = Map.copyOf(selections);
    }

    /**
     * One step.
     *
     * @param name     its progress name ({@code [build 3/4] COPY app.txt .})
     * @param position its stage and number in the stage ({@code [build 3}), which stays when the
     *                 name changes with a variable's value
     * @param key      its cache key
     * @param op       its op definition, as {@link dev.stagecraft.graph.Vertex#opJson()} gives it
     * @param inputs   its inputs, in order
     */
    public record Step(String name, String position, String key, JsonNode op, List<Input> inputs) {
        public Step {
            inputs = List.copyOf(inputs);
        }
    }

    /**
     * One input of a step.
     *
     * @param key      the input's cache key
     * @param from     what made it: a step's progress name, {@code base image <pinned ref>} or {@code context}
     * @param selected for a build context: what the step selects from it
     */
    public record Input(String key, String from, List<Selected> selected) {
        public Input {
            selected = List.copyOf(selected);
        }
    }

    /**
     * A selection from a build context.
     *
     * @param source   the source path the step names
     * @param checksum the selection's checksum, the key of its entries in {@link BuildRecord#selections()}
     */
    public record Selected(String source, String checksum) {
    }
}
