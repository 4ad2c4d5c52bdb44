package dev.stagecraft.content;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The content store on disk, under a root directory shared with other stagecraft processes:
 *
 * <pre>
 * &lt;root&gt;/blobs/&lt;algorithm&gt;/&lt;hex&gt;   one file per blob, named by its digest
 * &lt;root&gt;/ingest/&lt;random&gt;.tmp         blobs (and JSON files) being written; never read
 * &lt;root&gt;/references.json              {@link ReferenceStore}
 * &lt;root&gt;/leases.json                  {@link Leases}
 * &lt;root&gt;/locks/gc.lock                taken shared by commits, exclusively by the collector
 * &lt;root&gt;/locks/&lt;file&gt;.json.lock         serialises updates of a JSON file
 * </pre>
 *
 * <p>A blob is streamed into the ingest directory through a message digest, checked against the
 * digest and size it was announced with, flushed to disk and renamed into {@code blobs/} in one
 * atomic step. So a file under {@code blobs/} always holds exactly the content its name says, even
 * when a writer is killed at any moment. Two writers of one blob are harmless: the second sees the
 * blob and stops, or renames identical content over it.
 *
 * <p>Renames into {@code blobs/} (and the check that a blob is stored already) happen under the
 * shared {@code gc} lock, which the {@link GarbageCollector} takes exclusively, so a collection
 * running meanwhile never deletes a blob a writer has just been told is stored. What keeps it
 * from later collections is the writer's {@link Lease} or a reference.
 */
public final class LocalContentStore implements ContentStore {
    /** Leftovers in the ingest directory older than this are from a dead process (or a hung one). */
    static final Duration STALE_INGEST = Duration.ofHours(1);

    private final Path root;
    private final Path blobs;
    private final IngestDir ingest;
    private final StoreLock gcLock;

    private LocalContentStore(Path root) throws IOException {
        this.root = root;
        this.blobs = Files.createDirectories(root.resolve("blobs").resolve("sha256")).getParent();
        this.ingest = new IngestDir(root.resolve("ingest"));
        this.gcLock = StoreLock.of(root.resolve("locks").resolve("gc.lock"));
    }

    /**
     * Opens the store under {@code root}, creating its directories, and deletes ingest leftovers
     * older than an hour.
     */
    public static LocalContentStore open(Path root) throws IOException {
        LocalContentStore store = new LocalContentStore(root.toAbsolutePath().normalize());
        store.ingest.clean(STALE_INGEST);
        return store;
    }

    /**
     * The root directory when none is given: {@code $STAGECRAFT_ROOT}, else
     * {@code /var/lib/stagecraft} for root, else {@code $XDG_DATA_HOME/stagecraft}, else
     * {@code ~/.local/share/stagecraft}.
     */
    public static Path defaultRoot() {
        return defaultRoot(System.getenv(), currentUid(), Path.of(System.getProperty("user.home")));
    }

    /**
     * {@link #defaultRoot()} for the given environment, user id and home directory. An
     * {@code XDG_DATA_HOME} that is not absolute is ignored, as the XDG base directory
     * specification asks.
     */
    public static Path defaultRoot(Map<String, String> env, long uid, Path home) {
        String explicit = env.get("STAGECRAFT_ROOT");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        if (uid == 0) {
            return Path.of("/var/lib/stagecraft");
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "stagecraft");
        }
        return home.resolve(".local").resolve("share").resolve("stagecraft");
    }

    /** The effective user id: the owner of {@code /proc/self}, or -1 where there is none. */
    static long currentUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name")) ? 0 : -1;
        }
    }

    /** The root directory of this store. */
    public Path root() {
        return root;
    }

    /** Where the blob {@code digest} is (or would be) stored. Read it, never write it. */
    public Path blobPath(Digest digest) {
        return blobs.resolve(digest.algorithm()).resolve(digest.hex());
    }

    @Override
    public boolean exists(Digest digest) {
        return Files.isRegularFile(blobPath(digest));
    }

    @Override
    public Optional<Long> size(Digest digest) {
        try {
            return Optional.of(Files.size(blobPath(digest)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + digest, e);
        }
    }

    @Override
    public InputStream open(Digest digest) throws IOException {
        try {
            return Files.newInputStream(blobPath(digest));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(digest);
        }
    }

    @Override
    public byte[] read(Digest digest) throws IOException {
        try {
            return Files.readAllBytes(blobPath(digest));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(digest);
        }
    }

    @Override
    public void write(Digest expected, long expectedSize, InputStream content) throws IOException {
        if (isStored(expected)) {
            return;
        }
        try (BlobWriter writer = new BlobWriter(this, ingest.create(), expected, expectedSize)) {
            copy(content, writer);
            writer.commit();
        }
    }

    @Override
    public Digest write(byte[] content) throws IOException {
        Digest digest = Digest.sha256(content);
        write(digest, content.length, new ByteArrayInputStream(content));
        return digest;
    }

    /**
     * Stores what {@code content} yields under its sha256, which is not known beforehand (a layer
     * stagecraft has just made), and returns that digest. The stream is read to its end, not
     * closed.
     */
    public Digest write(InputStream content) throws IOException {
        try (BlobWriter writer = writer()) {
            copy(content, writer);
            return writer.commit();
        }
    }

    /**
     * A stream to write a new blob into; {@link BlobWriter#commit()} stores it under its sha256.
     * The caller closes it (which discards the bytes unless they were committed).
     */
    public BlobWriter writer() throws IOException {
        return new BlobWriter(this, ingest.create(), null, -1);
    }

    @Override
    public boolean delete(Digest digest) throws IOException {
        return Files.deleteIfExists(blobPath(digest));
    }

    @Override
    public Stream<Digest> list() throws IOException {
        List<Digest> digests = new ArrayList<>();
        try (DirectoryStream<Path> algorithms = Files.newDirectoryStream(blobs)) {
            for (Path algorithm : algorithms) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(algorithm)) {
                    for (Path file : files) {
                        parse(algorithm.getFileName().toString(), file.getFileName().toString())
                                .ifPresent(digests::add);
                    }
                }
            }
        }
        digests.sort(null);
        return digests.stream();
    }

    /**
     * Deletes ingest leftovers last modified at least {@code olderThan} ago whose writer is gone
     * (killed, or closed the store without finishing). Writes still in progress, in this process
     * or another, are left alone.
     *
     * @return how many leftovers were deleted
     */
    public int cleanIngest(Duration olderThan) throws IOException {
        return ingest.clean(olderThan);
    }

    /** {@link #cleanIngest(Duration)} for every leftover whose writer is gone, whatever its age. */
    public int cleanIngest() throws IOException {
        return ingest.clean(Duration.ZERO);
    }

    IngestDir ingestDir() {
        return ingest;
    }

    StoreLock gcLock() {
        return gcLock;
    }

    /**
     * Whether the blob is stored once any running collection has finished: a blob seen while a
     * collection sweeps could vanish a moment later. After this, the caller's lease or reference
     * keeps it.
     */
    private boolean isStored(Digest digest) throws IOException {
        if (!exists(digest)) {
            return false;
        }
        try (StoreLock.Held held = gcLock.shared()) {
            return exists(digest);
        }
    }

    /** Renames a verified temp file to the blob {@code digest}, unless that is stored already. */
    void commit(IngestDir.TempFile temp, Digest digest) throws IOException {
        Path target = blobPath(digest);
        try (StoreLock.Held held = gcLock.shared()) {
            if (exists(digest)) {
                return; // the temp file is deleted when closed
            }
            Files.createDirectories(target.getParent());
            temp.commitTo(target);
        }
    }

    private static void copy(InputStream in, BlobWriter out) throws IOException {
        // Filled before each write: a socket gives what has arrived, often a few KiB, and every
        // write to the file and the digest has a fixed cost.
        byte[] buffer = new byte[256 * 1024];
        for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
            out.write(buffer, 0, n);
        }
    }

    private static Optional<Digest> parse(String algorithm, String hex) {
        try {
            return Optional.of(new Digest(algorithm, hex));
        } catch (InvalidDigestException e) {
            return Optional.empty();
        }
    }
}
