package dev.stagecraft.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link BuildRecord}s of a root, one per Dockerfile (by absolute path) and target, under
 * {@code <root>/cache/builds/<sha256 of path and target>.json}. Written whole to a temporary file
 * and renamed over the old one, so that concurrent builds leave one whole record (the last one's).
 */
public final class BuildRecords {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    // Two-space objects, one line per path: large selections stay readable and diffable by hand.
    private static final ObjectWriter WRITER = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("", "\n"))
            .withArrayIndenter(new DefaultIndenter("", "\n")));

    private final Path dir;

    private BuildRecords(Path dir) {
        this.dir = dir;
    }

    /** The records of {@code root}. */
    public static BuildRecords of(Path root) {
        return new BuildRecords(root.resolve("cache").resolve("builds"));
    }

    /** The file of the build of {@code dockerfile} (an absolute path) for {@code target} (null: the last stage). */
    public Path file(String dockerfile, String target) {
        // Stage names are case-insensitive, as --target takes them.
        String id = dockerfile + "\n" + (target == null ? "" : target.toLowerCase(java.util.Locale.ROOT));
        return dir.resolve(Digest.sha256(id.getBytes(StandardCharsets.UTF_8)).hex() + ".json");
    }

    /** The last build's record; empty when there is none, or it cannot be read or is of another version. */
    public Optional<BuildRecord> read(String dockerfile, String target) {
        try {
            BuildRecord r = JSON.readValue(Files.readAllBytes(file(dockerfile, target)), BuildRecord.class);
            return r.version() == BuildRecord.VERSION ? Optional.of(r) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // A damaged record explains nothing; the next build replaces it.
            return Optional.empty();
        }
    }

    /**
     * Replaces the record of {@code dockerfile} and {@code target}; an equal record already there
     * is left alone, as a rebuild of unchanged sources writes one (a rename over a file costs a
     * journal commit, more than the comparison).
     */
    public void write(String dockerfile, String target, BuildRecord record) throws IOException {
        Path target0 = file(dockerfile, target);
        byte[] bytes;
        try {
            bytes = WRITER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write build record " + target0 + ": " + e.getOriginalMessage(), e);
        }
        if (sameContent(target0, bytes)) {
            return;
        }
        Files.createDirectories(dir);
        Path temp = dir.resolve(".tmp-" + UUID.randomUUID());
        try {
            Files.write(temp, bytes);
            Files.move(temp, target0, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean sameContent(Path file, byte[] bytes) {
        try {
            return Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes);
        } catch (IOException e) {
            // Missing or unreadable: written anew.
            return false;
        }
    }
}
