package dev.stagecraft.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What changes a context checksum and what does not, on real files. */
class ContentChecksumsTest {
    @TempDir
    Path dir;

    private final ContentChecksums sums = ContentChecksums.inMemory();

    private Path ctx(String name) throws IOException {
        Path c = dir.resolve(name);
        Files.createDirectories(c.resolve("src/sub"));
        write(c.resolve("src/a.txt"), "alpha");
        write(c.resolve("src/sub/b.txt"), "beta");
        write(c.resolve("other.txt"), "other");
        Files.createSymbolicLink(c.resolve("src/link"), Path.of("a.txt"));
        return c;
    }

    private static void write(Path p, String s) throws IOException {
        Files.writeString(p, s, StandardCharsets.UTF_8);
    }

    private Digest sum(Path context, String source) throws IOException {
        return sum(context, Selection.copy(source));
    }

    private Digest sum(Path context, Selection s) throws IOException {
        // A fresh instance each time: nothing remembered may hide a change.
        return ContentChecksums.inMemory().checksum(BuildContext.of(context, DockerIgnore.read(context, null)), s);
    }

    @Test
    void equalContentInAnotherDirectoryWithOtherTimesGivesAnEqualChecksum() throws IOException {
        Path a = ctx("a");
        Path b = ctx("elsewhere/b");
        Files.setLastModifiedTime(b.resolve("src/a.txt"), FileTime.fromMillis(0));
        Files.setLastModifiedTime(b.resolve("src/sub"), FileTime.fromMillis(123456));
        Digest d = sum(a, ".");
        assertThat(d.toString()).matches("sha256:[0-9a-f]{64}");
        assertThat(sum(b, ".")).isEqualTo(d);
        assertThat(sum(b, "src")).isEqualTo(sum(a, "src")).isNotEqualTo(d);
    }

    @Test
    void oneByteChangesIt() throws IOException {
        Path c = ctx("c");
        Digest before = sum(c, "src");
        write(c.resolve("src/sub/b.txt"), "bets");
        assertThat(sum(c, "src")).isNotEqualTo(before);
    }

    @Test
    void modeBitsChangeIt() throws IOException {
        Path c = ctx("c");
        Path f = c.resolve("src/a.txt");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        Digest plain = sum(c, "src");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        Digest exec = sum(c, "src");
        Files.setAttribute(f, "unix:mode", 04755);
        Digest setuid = sum(c, "src");
        Files.setAttribute(c.resolve("src/sub"), "unix:mode", 01777);
        Digest sticky = sum(c, "src");
        assertThat(List.of(plain, exec, setuid, sticky)).doesNotHaveDuplicates();
    }

    @Test
    void aSymlinkTargetChangesIt() throws IOException {
        Path c = ctx("c");
        Digest before = sum(c, "src");
        Files.delete(c.resolve("src/link"));
        Files.createSymbolicLink(c.resolve("src/link"), Path.of("sub/b.txt"));
        assertThat(sum(c, "src")).isNotEqualTo(before);
    }

    @Test
    void addingOrRemovingASelectedEntryChangesIt() throws IOException {
        Path c = ctx("c");
        Digest before = sum(c, "src");
        write(c.resolve("src/sub/new.txt"), "");
        Digest added = sum(c, "src");
        Files.delete(c.resolve("src/sub/new.txt"));
        Files.createDirectory(c.resolve("src/empty"));
        Digest emptyDir = sum(c, "src");
        Files.delete(c.resolve("src/empty"));
        assertThat(sum(c, "src")).isEqualTo(before);
        Files.delete(c.resolve("src/sub/b.txt"));
        assertThat(List.of(before, added, emptyDir, sum(c, "src"))).doesNotHaveDuplicates();
    }

    @Test
    void touchingAFileDoesNotChangeIt() throws IOException {
        Path c = ctx("c");
        Digest before = sum(c, ".");
        Files.setLastModifiedTime(c.resolve("src/a.txt"), FileTime.fromMillis(42_000));
        Files.setLastModifiedTime(c.resolve("src"), FileTime.fromMillis(42_000));
        assertThat(sum(c, ".")).isEqualTo(before);
    }

    @Test
    void unselectedAndIgnoredFilesDoNotChangeIt() throws IOException {
        Path c = ctx("c");
        write(c.resolve(".dockerignore"), "src/*.log\n");
        write(c.resolve("src/debug.log"), "1");
        Digest before = sum(c, "src");
        write(c.resolve("other.txt"), "changed");
        write(c.resolve("src/debug.log"), "22");
        write(c.resolve("src/trace.log"), "new and ignored");
        assertThat(sum(c, "src")).isEqualTo(before);
        write(c.resolve(".dockerignore"), "");
        assertThat(sum(c, "src")).isNotEqualTo(before);
    }

    @Test
    void ownershipInAContextCountsAsRootButInASnapshotCounts() throws IOException {
        Path c = ctx("c");
        Selection src = Selection.copy("src");
        Digest before = sum(c, "src");
        Digest snapshotBefore = sums.checksum(SourceTree.of(c), src);
        Files.setAttribute(c.resolve("src/a.txt"), "unix:uid", 1234, LinkOption.NOFOLLOW_LINKS);
        assertThat(sum(c, "src")).isEqualTo(before);
        assertThat(ContentChecksums.inMemory().checksum(SourceTree.of(c), src)).isNotEqualTo(snapshotBefore);
    }

    @Test
    void aWildcardCoversWhatItMatches() throws IOException {
        Path c = ctx("c");
        Digest txt = sum(c, "src/*.txt");
        assertThat(txt).as("one match, the same file as named directly").isEqualTo(sum(c, "src/a.txt"));
        write(c.resolve("src/sub/b.txt"), "not matched: below a non-matching directory");
        write(c.resolve("src/notes.md"), "not matched");
        assertThat(sum(c, "src/*.txt")).isEqualTo(txt);
        write(c.resolve("src/c.txt"), "matched");
        assertThat(sum(c, "src/*.txt")).isNotEqualTo(txt);
        assertThat(sum(c, "src/s*")).isEqualTo(sum(c, "src/sub"));
        assertThat(sum(c, "src/*")).as("each entry a match of its own").isNotEqualTo(sum(c, "src"));
    }

    @Test
    void whichMatchAnEntryBelongsToCounts() throws IOException {
        Path c = dir.resolve("c");
        Files.createDirectories(c.resolve("a"));
        Files.createDirectories(c.resolve("b"));
        write(c.resolve("a/f"), "f");
        Digest inA = sum(c, "*");
        Files.move(c.resolve("a/f"), c.resolve("b/f"));
        assertThat(sum(c, "*")).isNotEqualTo(inA);
    }

    @Test
    void missingSourcesAndEmptyWildcardsGiveChecksumsInsteadOfErrors() throws IOException {
        Path c = ctx("c");
        Digest missing = sum(c, "nope");
        Digest missingBase = sum(c, "nope/*.txt");
        Digest empty = sum(c, "src/*.none");
        Digest notADirectory = sum(c, "src/a.txt/x");
        assertThat(List.of(missing, missingBase, empty)).doesNotHaveDuplicates();
        assertThat(sum(c, "nope")).isEqualTo(missing);
        assertThat(notADirectory).isNotEqualTo(sum(c, "src/a.txt"));
        write(c.resolve("nope"), "here now");
        assertThat(sum(c, "nope")).isNotEqualTo(missing);
    }

    @Test
    void theSourceSymlinkIsFollowedOnlyWhenTheCopyFollowsIt() throws IOException {
        Path c = ctx("c");
        Files.createSymbolicLink(c.resolve("dirlink"), Path.of("src"));
        Selection follow = new Selection("dirlink", false, true, List.of(), List.of());
        Selection noFollow = new Selection("dirlink", false, false, List.of(), List.of());
        Digest followed = sum(c, follow);
        Digest link = sum(c, noFollow);
        write(c.resolve("src/a.txt"), "changed in the target");
        assertThat(sum(c, follow)).isNotEqualTo(followed);
        assertThat(sum(c, noFollow)).isEqualTo(link);
    }

    @Test
    void symlinksBelowASelectedDirectoryAreNotFollowed() throws IOException {
        Path c = ctx("c");
        Digest before = sum(c, "src");
        write(c.resolve("src/a.txt"), "the link src/link points here, but only the link counts");
        Digest afterTargetChange = sum(c, Selection.copy("src/link"));
        assertThat(afterTargetChange).isNotEqualTo(sum(c, new Selection("src/link", true, false, List.of(), List.of())));
        assertThat(sum(c, "src")).isNotEqualTo(before); // a.txt itself is selected too
        Path d = ctx("d");
        Files.createSymbolicLink(d.resolve("src/out"), Path.of("../other.txt"));
        Digest withLink = sum(d, "src");
        write(d.resolve("other.txt"), "changed outside the selection");
        assertThat(sum(d, "src")).isEqualTo(withLink);
    }

    @Test
    void excludePatternsLeaveEntriesOut() throws IOException {
        Path c = ctx("c");
        write(c.resolve("src/x.log"), "log");
        Selection noLogs = new Selection("src", true, true, List.of(), List.of("*.log"));
        Digest before = sum(c, noLogs);
        write(c.resolve("src/x.log"), "other log");
        assertThat(sum(c, noLogs)).isEqualTo(before);
        write(c.resolve("src/a.txt"), "changed");
        assertThat(sum(c, noLogs)).isNotEqualTo(before);
    }

    @Test
    void includePatternsKeepOnlyWhatTheyMatchAndTheDirectoriesOnTheWay() throws IOException {
        Path c = ctx("c");
        Selection onlyB = new Selection(".", true, true, List.of("src/sub/b.txt"), List.of());
        Digest before = sum(c, onlyB);
        write(c.resolve("src/a.txt"), "not included");
        write(c.resolve("other.txt"), "not included");
        assertThat(sum(c, onlyB)).isEqualTo(before);
        // The copy creates src and src/sub with their source modes, so those count.
        Files.setAttribute(c.resolve("src/sub"), "unix:mode", 0700);
        Digest modeChanged = sum(c, onlyB);
        assertThat(modeChanged).isNotEqualTo(before);
        write(c.resolve("src/sub/b.txt"), "included");
        assertThat(sum(c, onlyB)).isNotEqualTo(modeChanged);
        Files.delete(c.resolve("src/sub/b.txt"));
        Selection nothing = new Selection(".", true, true, List.of("src/sub/b.txt"), List.of());
        assertThat(sum(c, nothing)).isEqualTo(sum(c, new Selection(".", true, true, List.of("none"), List.of())));
    }

    @Test
    void aFileThatCannotBeReadIsNamedInTheError() {
        // /proc/<pid>/mem is a regular file that no one can read at offset 0 (EIO), root included.
        Path proc = Path.of("/proc/self");
        assertThatThrownBy(() -> sums.checksum(BuildContext.of(proc, DockerIgnore.none()),
                new Selection("mem", false, false, List.of(), List.of())))
                .isInstanceOf(StagecraftException.class)
                .hasMessageStartingWith("cannot read /proc/")
                .hasMessageContaining("/mem for its checksum: ");
    }

    @Test
    void oneInstanceServesConcurrentChecksums() throws Exception {
        Path c = ctx("c");
        for (int i = 0; i < 50; i++) {
            write(c.resolve("src/sub/f" + i), "file " + i);
        }
        List<String> sources = List.of(".", "src", "src/sub", "src/*.txt", "other.txt", "src/sub/f1*");
        List<Digest> expected = new ArrayList<>();
        for (String s : sources) {
            expected.add(sum(c, s));
        }
        ContentChecksums shared = ContentChecksums.open(dir.resolve("cache"));
        BuildContext context = BuildContext.of(c, DockerIgnore.none());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Digest>> results = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (String s : sources) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return shared.checksum(context, Selection.copy(s));
                    }));
                }
            }
            start.countDown();
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(expected.get(i % sources.size()));
            }
        } finally {
            pool.shutdownNow();
        }
        shared.save();
        assertThat(ContentChecksums.open(dir.resolve("cache")).checksum(context, Selection.copy("."))).isEqualTo(expected.get(0));
    }
}
