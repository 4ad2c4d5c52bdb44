package dev.stagecraft.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A small JSON document in the root directory that several processes update, such as
 * {@code references.json}.
 *
 * <p>Updates are read-modify-write under an exclusive {@link StoreLock}, and the new version is
 * written to the ingest directory, flushed and renamed over the old one, so a reader (who takes
 * no lock) sees one whole version or the next, and a process killed mid-update leaves the old
 * version in place. The lock is a separate file because the rename replaces the document's inode.
 *
 * <p>A durable document is flushed to disk before the rename, so it survives a crash. A document
 * that only matters while the processes that wrote it live (leases) is not: those flushes cost
 * two disk syncs per update, and after a crash such a file may be torn, so it reads as empty.
 *
 * @param <T> the document, an immutable value
 */
final class JsonFile<T> {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Class<T> type;
    private final Supplier<T> empty;
    private final IngestDir ingest;
    private final StoreLock lock;
    private final boolean durable;

    /** A durable document. */
    JsonFile(Path root, String name, Class<T> type, Supplier<T> empty) throws IOException {
        this(root, name, type, empty, true);
    }

    /** A document that, unless {@code durable}, is neither flushed nor trusted after a crash. */
    JsonFile(Path root, String name, Class<T> type, Supplier<T> empty, boolean durable) throws IOException {
        this.durable = durable;
        this.file = root.resolve(name);
        this.type = type;
        this.empty = empty;
        this.ingest = new IngestDir(root.resolve("ingest"));
        this.lock = StoreLock.of(root.resolve("locks").resolve(name + ".lock"));
    }

    Path path() {
        return file;
    }

    /** The current version, or the empty document when there is none yet. */
    T read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return empty.get();
        }
        try {
            return MAPPER.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            if (!durable) {
                // Left torn by a crash, which also ended every process it meant anything to.
                return empty.get();
            }
            throw new IOException("cannot parse " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Replaces the document with {@code change} of its current version; a no-op when equal. */
    void replace(UnaryOperator<T> change) throws IOException {
        update(current -> new Change<>(change.apply(current), null));
    }

    /**
     * Applies {@code change} to the current version under the lock, writes the new version when it
     * differs, and returns the change's result.
     */
    <R> R update(Function<T, Change<T, R>> change) throws IOException {
        try (StoreLock.Held held = lock.exclusive()) {
            T current = read();
            Change<T, R> result = change.apply(current);
            if (!result.next().equals(current)) {
                write(result.next());
            }
            return result.result();
        }
    }

    private void write(T next) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(next);
        try (IngestDir.TempFile temp = ingest.create()) {
            temp.write(bytes, 0, bytes.length);
            if (durable) {
                temp.commitTo(file);
            } else {
                temp.renameTo(file);
            }
        }
    }

    /** The next version of a document and what the update returns to its caller. */
    record Change<T, R>(T next, R result) {
    }
}
