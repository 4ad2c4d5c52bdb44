package dev.stagecraft.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.content.Digest;
import dev.stagecraft.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persistent file-digest cache: a warm checksum reads no file, a changed file is read again,
 * and a damaged cache file costs only a rebuild. Files are counted as the hasher reads them.
 */
class FileDigestCacheTest {
    /** A clock a minute ahead: every file written by the test counts as settled. */
    private static final Clock SETTLED = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));

    @TempDir
    Path tmp;
    Path context;
    Path cacheDir;

    /** Records every file it is asked to read, then reads it. */
    static final class CountingHasher implements FileHasher {
        final List<Path> reads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public byte[] sha256(Path file) throws IOException {
            reads.add(file);
            return FileHasher.SHA256.sha256(file);
        }
    }

    @BeforeEach
    void context() throws IOException {
        context = tmp.resolve("ctx");
        cacheDir = tmp.resolve("cache");
        for (int i = 0; i < 40; i++) {
            Path f = context.resolve("d" + (i % 4) + "/f" + i);
            Files.createDirectories(f.getParent());
            Files.writeString(f, "file " + i);
        }
    }

    private Digest checksum(ContentChecksums sums) throws IOException {
        return sums.checksum(BuildContext.of(context, DockerIgnore.none()), Selection.copy("."));
    }

    private Digest coldAndSave(CountingHasher hasher) throws IOException {
        ContentChecksums cold = ContentChecksums.open(cacheDir, hasher, SETTLED);
        Digest d = checksum(cold);
        cold.save();
        return d;
    }

    @Test
    void aWarmChecksumFromTheSavedCacheReadsNoFile() throws IOException {
        CountingHasher first = new CountingHasher();
        Digest cold = coldAndSave(first);
        assertThat(first.reads).hasSize(40);
        CountingHasher second = new CountingHasher();
        assertThat(checksum(ContentChecksums.open(cacheDir, second, SETTLED))).isEqualTo(cold);
        assertThat(second.reads).isEmpty();
        assertThat(checksum(ContentChecksums.inMemory())).isEqualTo(cold);
    }

    @Test
    void aFileChangedWithItsSizeAndMtimeKeptIsReadAgain() throws IOException {
        Digest cold = coldAndSave(new CountingHasher());
        Path f = context.resolve("d1/f5");
        FileTime mtime = Files.getLastModifiedTime(f);
        Files.writeString(f, "FILE 5");
        Files.setLastModifiedTime(f, mtime); // only the ctime tells
        CountingHasher warm = new CountingHasher();
        Digest changed = checksum(ContentChecksums.open(cacheDir, warm, SETTLED));
        assertThat(warm.reads).containsExactly(f.toRealPath());
        assertThat(changed).isNotEqualTo(cold).isEqualTo(checksum(ContentChecksums.inMemory()));
    }

    @Test
    void filesChangedJustBeforeTheyWereHashedAreNotRemembered() throws IOException {
        Clock lagging = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-1));
        ContentChecksums cold = ContentChecksums.open(cacheDir, new CountingHasher(), lagging);
        checksum(cold);
        cold.save();
        CountingHasher warm = new CountingHasher();
        checksum(ContentChecksums.open(cacheDir, warm, SETTLED));
        assertThat(warm.reads).hasSize(40);
    }

    @Test
    void aCorruptOrTruncatedCacheFileIsIgnoredAndRebuilt() throws IOException {
        Digest cold = coldAndSave(new CountingHasher());
        ContentChecksums probe = ContentChecksums.open(cacheDir, new CountingHasher(), SETTLED);
        Path file = probe.cacheFile(context.toRealPath());
        byte[] good = Files.readAllBytes(file);
        List<byte[]> damaged = new ArrayList<>();
        damaged.add(new byte[0]);
        damaged.add(java.util.Arrays.copyOf(good, good.length / 2));
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 1;
        damaged.add(flipped);
        damaged.add("not a cache at all".getBytes());
        for (byte[] bytes : damaged) {
            Files.write(file, bytes);
            CountingHasher rebuild = new CountingHasher();
            ContentChecksums sums = ContentChecksums.open(cacheDir, rebuild, SETTLED);
            assertThat(checksum(sums)).isEqualTo(cold);
            assertThat(rebuild.reads).hasSize(40);
            sums.save();
            CountingHasher warm = new CountingHasher();
            assertThat(checksum(ContentChecksums.open(cacheDir, warm, SETTLED))).isEqualTo(cold);
            assertThat(warm.reads).isEmpty();
        }
    }

    @Test
    void oneFilePerContextDirectoryWrittenWithoutLeavingTemporaryFiles() throws IOException {
        Path other = tmp.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("x"), "x");
        ContentChecksums sums = ContentChecksums.open(cacheDir, new CountingHasher(), SETTLED);
        checksum(sums);
        sums.checksum(BuildContext.of(other, DockerIgnore.none()), Selection.copy("x"));
        sums.save();
        try (Stream<Path> files = Files.list(cacheDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(sums.cacheFile(context.toRealPath()).getFileName().toString(),
                            sums.cacheFile(other.toRealPath()).getFileName().toString())
                    .allMatch(n -> n.matches("[0-9a-f]{64}\\.digests"));
        }
    }

    @Test
    void aCacheFileOfAnotherDirectoryIsNotTrusted() throws IOException {
        coldAndSave(new CountingHasher());
        ContentChecksums probe = ContentChecksums.open(cacheDir, new CountingHasher(), SETTLED);
        Path other = tmp.resolve("copy");
        Files.createDirectories(other);
        Files.copy(probe.cacheFile(context.toRealPath()), probe.cacheFile(other.toRealPath()));
        FileDigestCache loaded = FileDigestCache.load(probe.cacheFile(other.toRealPath()), other.toRealPath());
        assertThat(loaded.size()).isZero();
        assertThat(loaded.dirty()).isTrue();
    }

    @Test
    void entriesUnusedForManySavesAreDropped() throws IOException {
        Path root = context.toRealPath();
        Path file = cacheDir.resolve("c.digests");
        Files.createDirectories(cacheDir);
        FileStat st = FileStat.lstat(root.resolve("d0/f0"), false);
        FileDigestCache cache = FileDigestCache.empty(root);
        cache.record("d0/f0", st, new byte[32]);
        cache.save(file);
        for (int save = 1; save <= FileDigestCache.MAX_AGE + 1; save++) {
            cache = FileDigestCache.load(file, root);
            // f0, unused, is still there, with f1 .. f(save-1) learned since
            assertThat(cache.size()).as("after %d saves without use", save).isEqualTo(save);
            cache.record("d0/f" + save, st, new byte[32]); // something else is learned each time
            cache.save(file);
        }
        cache = FileDigestCache.load(file, root);
        assertThat(cache.lookup("d0/f0", st)).isNull();
        assertThat(cache.lookup("d0/f" + (FileDigestCache.MAX_AGE + 1), st)).isNotNull();
    }

    @Test
    void savingTwiceFromTwoInstancesLeavesAValidCache() throws IOException {
        ContentChecksums a = ContentChecksums.open(cacheDir, new CountingHasher(), SETTLED);
        ContentChecksums b = ContentChecksums.open(cacheDir, new CountingHasher(), SETTLED);
        Digest da = checksum(a);
        Files.writeString(context.resolve("d0/f0"), "changed between the two builds");
        Digest db = checksum(b);
        a.save();
        b.save(); // the last writer wins; entries check themselves against the files
        CountingHasher warm = new CountingHasher();
        assertThat(checksum(ContentChecksums.open(cacheDir, warm, SETTLED))).isEqualTo(db).isNotEqualTo(da);
        assertThat(warm.reads).isEmpty();
    }

    @Test
    void cacheFilesUnusedForAMonthAndStaleTemporaryFilesArePrunedOnSave() throws IOException {
        coldAndSave(new CountingHasher());
        ContentChecksums probe = ContentChecksums.open(cacheDir, new CountingHasher(), SETTLED);
        Path used = probe.cacheFile(context.toRealPath());
        FileTime longAgo = FileTime.from(SETTLED.instant().minus(Duration.ofDays(ContentChecksums.UNUSED_DAYS + 1)));
        Files.setLastModifiedTime(used, longAgo);
        Path unused = cacheDir.resolve("0".repeat(64) + ".digests");
        Path leftover = cacheDir.resolve("crashed.digests123.tmp");
        Path recentTmp = cacheDir.resolve("writing.digests456.tmp");
        Path foreign = cacheDir.resolve("README");
        for (Path p : List.of(unused, leftover, recentTmp, foreign)) {
            Files.writeString(p, "x");
        }
        Files.setLastModifiedTime(unused, longAgo);
        Files.setLastModifiedTime(leftover, FileTime.from(SETTLED.instant().minus(Duration.ofDays(2))));
        Files.setLastModifiedTime(foreign, longAgo);
        CountingHasher warm = new CountingHasher();
        ContentChecksums sums = ContentChecksums.open(cacheDir, warm, SETTLED);
        checksum(sums); // loading marks the cache file as used
        sums.save();
        assertThat(warm.reads).isEmpty();
        assertThat(used).exists();
        assertThat(recentTmp).exists();
        assertThat(foreign).exists();
        assertThat(unused).doesNotExist();
        assertThat(leftover).doesNotExist();
    }

    @Test
    void aFailedSaveIsRetriedByTheNextOne() throws IOException {
        ContentChecksums sums = ContentChecksums.open(cacheDir, new CountingHasher(), SETTLED);
        Digest d = checksum(sums);
        FileTrees.deleteRecursively(cacheDir);
        assertThatThrownBy(sums::save).isInstanceOf(IOException.class);
        Files.createDirectories(cacheDir);
        sums.save();
        CountingHasher warm = new CountingHasher();
        assertThat(checksum(ContentChecksums.open(cacheDir, warm, SETTLED))).isEqualTo(d);
        assertThat(warm.reads).isEmpty();
    }
}
