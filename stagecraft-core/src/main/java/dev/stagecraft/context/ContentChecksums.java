package dev.stagecraft.context;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content checksums of what COPY, ADD and bind mounts select from a build context: the part of a
 * cache key that says "the same sources", as BuildKit's {@code contenthash} gives it. Instances are
 * safe for concurrent use.
 *
 * <p>A checksum covers, for every selected entry in walk order (matches in glob order, names in
 * Go's byte order below them, exactly what the copy reads): which match it belongs to and the
 * match's path, its path below the match, its type and permission bits (setuid, setgid and sticky
 * included), its owner, a symlink's target, a device's numbers, and a regular file's size and
 * content sha256. A missing source counts as "missing" (the copy fails later with its own error).
 * Times and inode numbers are not covered: touching a file, or an equal context in another
 * directory, gives the same checksum.
 *
 * <p>Ownership: BuildKit's file hash covers uid and gid (its tarsum v1 header keeps them), and
 * this checksum covers the owner too, but as the copy sees it: a build context counts every file
 * as owned by 0:0 (the docker and buildx clients send it so), so a {@code chown} in the context
 * changes neither the copied files nor the checksum. Not covered, unlike BuildKit: extended
 * attributes (Java reaches only {@code user.*}, at one extra open per file) and which files are
 * hard links of each other.
 *
 * <p>Regular files are hashed once: their digests are kept by path, each valid while the file's
 * size, mtime, inode and ctime (nanoseconds) stay the same, and {@link #save} writes them to one
 * file per context directory, so that a warm build lists the context and reads no file. A file
 * whose ctime is less than {@value #RACY_MILLIS} ms older than the moment it was hashed is not
 * remembered: the file system's clock is coarse, and a write in the same tick as the hash could
 * otherwise leave a stale digest behind an unchanged stat.
 *
 * <p>Directories are walked, and files not known yet are hashed, in parallel on the common
 * fork/join pool; the result never depends on the threads.
 */
public final class ContentChecksums {
    static final long RACY_MILLIS = 100;
    static final int UNUSED_DAYS = 30;
    private static final int PARALLEL_MIN_FILES = 16;
    private static final String DIGESTS = ".digests";
    private final Path dir;
    private final FileHasher hasher;
    private final Clock clock;
    private final Map<Path, FileDigestCache> caches = new ConcurrentHashMap<>();

    private ContentChecksums(Path dir, FileHasher hasher, Clock clock) {
        this.dir = dir;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** Opens the file-digest cache kept in {@code dir} (created when missing); several processes may share it. */
    public static ContentChecksums open(Path dir) throws IOException {
        return open(dir, FileHasher.SHA256, Clock.systemUTC());
    }

    /** With the hasher that reads files and the clock that says when a file is settled enough to remember. */
    static ContentChecksums open(Path dir, FileHasher hasher, Clock clock) throws IOException {
        Files.createDirectories(dir);
        return new ContentChecksums(dir, hasher, clock);
    }

    /** A checksum that uses no persistent cache (tests, read-only roots); digests are still reused in memory. */
    public static ContentChecksums inMemory() {
        return inMemory(FileHasher.SHA256, Clock.systemUTC());
    }

    static ContentChecksums inMemory(FileHasher hasher, Clock clock) {
        return new ContentChecksums(null, hasher, clock);
    }

    /**
     * The checksum of what {@code selection} selects from {@code context}: {@code sha256:<hex>}.
     *
     * @throws StagecraftException when a selected directory cannot be listed or a file cannot be read
     * @throws dev.stagecraft.context.InvalidPatternException for an invalid include or exclude pattern
     */
    public Digest checksum(BuildContext context, Selection selection) throws IOException {
        return checksum(context.tree(), selection);
    }

    /** The checksum of what {@code selection} selects from any source tree (a context or a snapshot). */
    Digest checksum(SourceTree tree, Selection selection) throws IOException {
        return fold(tree, walk(tree, selection));
    }

    /**
     * The checksum of what {@code selection} selects from {@code context} together with the
     * entries it covers, path by path, from the same walk (no file is read twice).
     *
     * @throws StagecraftException when a selected directory cannot be listed or a file cannot be read
     */
    public SelectionListing listing(BuildContext context, Selection selection) throws IOException {
        List<SelectedEntry> entries = walk(context.tree(), selection);
        Digest checksum = fold(context.tree(), entries);
        return new SelectionListing(checksum, SelectionEntries.describe(entries));
    }

    /** The entries of {@code selection}, each regular file with its content digest. */
    private List<SelectedEntry> walk(SourceTree tree, Selection selection) throws IOException {
        List<SelectedEntry> entries = SelectionWalker.walk(tree, selection);
        FileDigestCache cache = cacheFor(tree.root());
        List<SelectedEntry> unknown = new ArrayList<>();
        for (SelectedEntry e : entries) {
            if (e.needsDigest()) {
                e.digest = cache.lookup(e.rel, e.stat);
                if (e.digest == null) {
                    unknown.add(e);
                }
            }
        }
        hash(unknown, cache);
        return entries;
    }

    private static Digest fold(SourceTree tree, List<SelectedEntry> entries) {
        ChecksumWriter w = new ChecksumWriter(tree.resetsOwnership());
        for (SelectedEntry e : entries) {
            w.add(e);
        }
        return w.finish();
    }

    private void hash(List<SelectedEntry> files, FileDigestCache cache) {
        Instant start = clock.instant();
        long trustedBefore = start.getEpochSecond() * 1_000_000_000L + start.getNano() - RACY_MILLIS * 1_000_000L;
        (files.size() >= PARALLEL_MIN_FILES ? files.parallelStream() : files.stream()).forEach(e -> {
            try {
                e.digest = hasher.sha256(e.host);
            } catch (IOException ex) {
                throw new StagecraftException("cannot read " + e.host + " for its checksum: " + ex.getMessage(), ex);
            }
            if (e.stat.ctimeNanos() < trustedBefore) {
                cache.record(e.rel, e.stat, e.digest);
            }
        });
    }

    private FileDigestCache cacheFor(Path root) {
        return caches.computeIfAbsent(root, r -> {
            if (dir == null) {
                return FileDigestCache.empty(r);
            }
            try {
                Path file = cacheFile(r);
                FileDigestCache loaded = FileDigestCache.load(file, r);
                markUsed(file);
                return loaded;
            } catch (IOException e) {
                // The cache only saves work: one that cannot be read is rebuilt.
                return FileDigestCache.empty(r);
            }
        });
    }

    /** The file that keeps the digests of the context directory {@code root}: named by the sha256 of its path. */
    Path cacheFile(Path root) {
        return dir.resolve(Digest.sha256(root.toString().getBytes(StandardCharsets.UTF_8)).hex() + DIGESTS);
    }

    /**
     * Writes what was learned (new/changed file digests) back to the cache directory, atomically;
     * nothing for {@link #inMemory()}. Cache files of context directories not used for
     * {@value #UNUSED_DAYS} days (their modification time says when they were last used) are
     * deleted, and so are temporary files a crashed writer left behind.
     */
    public void save() throws IOException {
        if (dir == null) {
            return;
        }
        for (FileDigestCache cache : caches.values()) {
            if (cache.dirty()) {
                try {
                    cache.save(cacheFile(cache.root()));
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        }
        prune();
    }

    /** Sets the file's modification time to now, at most once a day, so that pruning sees it is in use. */
    private void markUsed(Path file) throws IOException {
        try {
            Instant now = clock.instant();
            if (Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(Duration.ofDays(1)))) {
                Files.setLastModifiedTime(file, FileTime.from(now));
            }
        } catch (NoSuchFileException e) {
            // nothing kept for this directory yet
        }
    }

    private void prune() throws IOException {
        Instant now = clock.instant();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                Duration keep = name.endsWith(DIGESTS) ? Duration.ofDays(UNUSED_DAYS)
                        : name.endsWith(".tmp") ? Duration.ofDays(1) : null;
                try {
                    if (keep != null && Files.getLastModifiedTime(f).toInstant().isBefore(now.minus(keep))) {
                        Files.deleteIfExists(f);
                    }
                } catch (NoSuchFileException e) {
                    // another process pruned it first
                }
            }
        }
    }
}
