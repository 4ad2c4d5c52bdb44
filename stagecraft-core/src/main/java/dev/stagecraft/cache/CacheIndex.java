package dev.stagecraft.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The recorded step results of a root directory, one small JSON file per cache key under
 * {@code <root>/cache/records}. A record is written to a temporary file and renamed into place,
 * so a reader, another build on the same root, or a process killed mid-write sees a whole record
 * or none; two builds recording the same key write equal results, and the last rename wins. A
 * record's file modification time is when it was last used.
 */
public final class CacheIndex {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    private CacheIndex(Path dir) {
        this.dir = dir;
    }

    /** The index in {@code dir}, created when missing. */
    public static CacheIndex open(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new CacheIndex(dir);
    }

    /**
     * The record of {@code key}, marked as used now; empty when there is none or it cannot be read
     * (a record from an incompatible version, a damaged file), which only costs a rebuild.
     */
    public Optional<CacheRecord> get(String key) {
        Path file = file(key);
        try {
            CacheRecord record = JSON.readValue(Files.readAllBytes(file), CacheRecord.class);
            if (!key.equals(record.key()) || record.layers() == null) {
                return Optional.empty();
            }
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            return Optional.of(record);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Records {@code record} under its key, replacing any earlier one. */
    public void put(CacheRecord record) throws IOException {
        Path target = file(record.key());
        Path temp = dir.resolve(".tmp-" + UUID.randomUUID());
        try {
            Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename a cache record into " + dir + ": " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Removes the record of {@code key}; false when there was none. */
    public boolean remove(String key) throws IOException {
        return Files.deleteIfExists(file(key));
    }

    /** Every readable record with when it was last used, in no particular order. */
    public List<Entry> list() throws IOException {
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                try {
                    CacheRecord record = JSON.readValue(Files.readAllBytes(f), CacheRecord.class);
                    if (record.key() != null && record.layers() != null && f.equals(fileOrNull(record.key()))) {
                        out.add(new Entry(record, Files.getLastModifiedTime(f).toInstant()));
                    }
                } catch (NoSuchFileException e) {
                    // Removed meanwhile by another process.
                } catch (IOException | RuntimeException e) {
                    // Unreadable: not a record anyone can use.
                }
            }
        }
        return out;
    }

    /** Every blob the records refer to: roots for the content store's garbage collection. */
    public List<Digest> blobs() throws IOException {
        List<Digest> out = new ArrayList<>();
        for (Entry e : list()) {
            e.record().blobDigests().forEach(d -> out.add(Digest.parse(d)));
        }
        return out;
    }

    /** A record and when it was last used. */
    public record Entry(CacheRecord record, Instant lastUsed) {
    }

    private Path fileOrNull(String key) {
        try {
            return file(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Path file(String key) {
        String hex = key.startsWith("sha256:") ? key.substring("sha256:".length()) : key;
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a cache key: " + key);
        }
        return dir.resolve(hex + ".json");
    }
}
