package dev.stagecraft.content;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stagecraft.StagecraftException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Named leases on content in use, kept in {@code <root>/leases.json}: a pull or a build takes a
 * lease before it writes blobs and adds their digests, so a {@link GarbageCollector} running in
 * between keeps them although no reference holds them yet. A lease ends when it is released or
 * when it expires; an expiry bounds what a killed process leaves held.
 *
 * <p>Updates are atomic and serialised across threads and processes (see {@link JsonFile}), but
 * not flushed to disk: a lease protects content from a collector while its process runs, and a
 * crash that could lose an update also ends that process (a build added to its lease once per
 * cached step, each update costing two disk syncs).
 */
public final class Leases {
    private final JsonFile<LeaseTable> file;
    private final Clock clock;

    private Leases(Path root, Clock clock) throws IOException {
        this.file = new JsonFile<>(root, "leases.json", LeaseTable.class, LeaseTable::empty, false);
        this.clock = clock;
    }

    /** The leases under {@code root}, which may be shared with a {@link LocalContentStore}. */
    public static Leases open(Path root) throws IOException {
        return open(root, Clock.systemUTC());
    }

    /** The leases under {@code root}, telling expiry by {@code clock}. */
    public static Leases open(Path root, Clock clock) throws IOException {
        return new Leases(root.toAbsolutePath().normalize(), clock);
    }

    /**
     * Creates the lease {@code name}, live for {@code ttl} from now. A live lease of that name is
     * renewed and keeps its digests; an expired one starts empty.
     */
    public Lease create(String name, Duration ttl) throws IOException {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("invalid lease name: " + name);
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a lease needs a positive time to live: " + ttl);
        }
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        file.replace(current -> current.live(now).with(name, new LeaseEntry(expires.toString(),
                current.live(now).digestsOf(name))));
        return new Lease(this, name);
    }

    /**
     * Adds {@code digests} to the live lease {@code name}.
     *
     * @throws StagecraftException when there is no such live lease (it expired or was released)
     */
    public void add(String name, Collection<Digest> digests) throws IOException {
        Instant now = clock.instant();
        file.replace(current -> {
            LeaseTable live = current.live(now);
            LeaseEntry entry = live.leases().get(name);
            if (entry == null) {
                throw new StagecraftException("lease " + name + " has expired or was released");
            }
            TreeSet<String> next = new TreeSet<>(entry.digests());
            digests.forEach(d -> next.add(d.toString()));
            return live.with(name, new LeaseEntry(entry.expires(), List.copyOf(next)));
        });
    }

    /** Adds {@code digest} to the live lease {@code name}. */
    public void add(String name, Digest digest) throws IOException {
        add(name, List.of(digest));
    }

    /**
     * Ends the lease {@code name}.
     *
     * @return true when it was live
     */
    public boolean release(String name) throws IOException {
        Instant now = clock.instant();
        return file.update(current -> {
            LeaseTable live = current.live(now);
            TreeMap<String, LeaseEntry> next = new TreeMap<>(live.leases());
            boolean removed = next.remove(name) != null;
            return new JsonFile.Change<>(new LeaseTable(next), removed);
        });
    }

    /** The names of the live leases, sorted. */
    public SortedSet<String> names() throws IOException {
        return new TreeSet<>(file.read().live(clock.instant()).leases().keySet());
    }

    /** The digests the live lease {@code name} holds; empty when it is not live. */
    public SortedSet<Digest> digests(String name) throws IOException {
        return parse(file.read().live(clock.instant()).digestsOf(name));
    }

    /** Every digest some live lease holds. */
    public SortedSet<Digest> liveDigests() throws IOException {
        TreeSet<String> all = new TreeSet<>();
        file.read().live(clock.instant()).leases().values().forEach(e -> all.addAll(e.digests()));
        return parse(all);
    }

    private static SortedSet<Digest> parse(Collection<String> digests) {
        TreeSet<Digest> parsed = new TreeSet<>();
        digests.forEach(d -> parsed.add(Digest.parse(d)));
        return parsed;
    }

    /** One lease in the file: its expiry (ISO-8601 instant) and the digests it holds. */
    record LeaseEntry(@JsonProperty("expires") String expires, @JsonProperty("digests") List<String> digests) {
        LeaseEntry {
            digests = digests == null ? List.of() : List.copyOf(new TreeSet<>(digests));
        }

        boolean isLive(Instant now) {
            return Instant.parse(expires).isAfter(now);
        }
    }

    /** The JSON document: {@code {"version":1,"leases":{name: {"expires":..., "digests":[...]}}}}. */
    record LeaseTable(@JsonProperty("version") int version, @JsonProperty("leases") Map<String, LeaseEntry> leases) {
        LeaseTable {
            leases = leases == null ? Map.of() : Map.copyOf(leases);
        }

        LeaseTable(Map<String, LeaseEntry> leases) {
            this(1, leases);
        }

        static LeaseTable empty() {
            return new LeaseTable(Map.of());
        }

        /** Sorted, so the file is stable and readable. */
        @Override
        @JsonProperty("leases")
        public Map<String, LeaseEntry> leases() {
            return new TreeMap<>(leases);
        }

        /** This table without expired leases, which are dropped at the next update. */
        LeaseTable live(Instant now) {
            TreeMap<String, LeaseEntry> live = new TreeMap<>();
            leases.forEach((name, entry) -> {
                if (entry.isLive(now)) {
                    live.put(name, entry);
                }
            });
            return new LeaseTable(live);
        }

        List<String> digestsOf(String name) {
            LeaseEntry entry = leases.get(name);
            return entry == null ? List.of() : entry.digests();
        }

        LeaseTable with(String name, LeaseEntry entry) {
            TreeMap<String, LeaseEntry> next = new TreeMap<>(leases);
            next.put(name, entry);
            return new LeaseTable(next);
        }
    }
}
