package dev.stagecraft.content;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Named references to images, {@code name -> descriptor} of a manifest or index, kept in
 * {@code <root>/references.json}. Names are the caller's strings (say
 * {@code docker.io/library/busybox:1}); this class does not normalise them.
 *
 * <p>Updates are atomic and serialised across threads and processes (see {@link JsonFile}); a
 * process killed during an update leaves the previous version.
 */
public final class ReferenceStore {
    private final JsonFile<References> file;

    private ReferenceStore(Path root) throws IOException {
        this.file = new JsonFile<>(root, "references.json", References.class, References::empty);
    }

    /** The references under {@code root}, which may be shared with a {@link LocalContentStore}. */
    public static ReferenceStore open(Path root) throws IOException {
        return new ReferenceStore(root.toAbsolutePath().normalize());
    }

    /**
     * Points {@code name} at {@code target}, replacing what it pointed at.
     *
     * @return the descriptor it pointed at before, if any
     */
    public Optional<Descriptor> put(String name, Descriptor target) throws IOException {
        checkName(name);
        target.parsedDigest(); // refuse an invalid digest before it is persisted
        return file.update(current -> {
            TreeMap<String, Descriptor> next = new TreeMap<>(current.references());
            Descriptor previous = next.put(name, target);
            return new JsonFile.Change<>(new References(next), Optional.ofNullable(previous));
        });
    }

    /** What {@code name} points at. */
    public Optional<Descriptor> get(String name) throws IOException {
        return Optional.ofNullable(file.read().references().get(name));
    }

    /**
     * Removes {@code name}.
     *
     * @return the descriptor it pointed at, if it existed
     */
    public Optional<Descriptor> remove(String name) throws IOException {
        return file.update(current -> {
            TreeMap<String, Descriptor> next = new TreeMap<>(current.references());
            Descriptor previous = next.remove(name);
            return new JsonFile.Change<>(new References(next), Optional.ofNullable(previous));
        });
    }

    /** Every reference, sorted by name. */
    public SortedMap<String, Descriptor> list() throws IOException {
        return Collections.unmodifiableSortedMap(new TreeMap<>(file.read().references()));
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("invalid reference name: " + name);
        }
    }

    /** The JSON document: {@code {"version":1,"references":{name: descriptor}}}. */
    record References(@JsonProperty("version") int version,
                      @JsonProperty("references") Map<String, Descriptor> references) {
        References {
            references = references == null ? Map.of() : Map.copyOf(references);
        }

        References(Map<String, Descriptor> references) {
            this(1, references);
        }

        static References empty() {
            return new References(Map.of());
        }

        /** Sorted, so the file is stable and readable. */
        @Override
        @JsonProperty("references")
        public Map<String, Descriptor> references() {
            return new TreeMap<>(references);
        }
    }
}
