package dev.stagecraft.differential.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.SortedMap;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

class TreeComparatorTest {
    private static final long NEW = 1_800_000_000L;
    private final TreeComparator comparator = new TreeComparator("buildkit", "stagecraft", CaseComparison.PRESERVED_BEFORE, true);

    private static TarBuilder base() throws IOException {
        return new TarBuilder().dir("./", 0755).dir("etc", 0755).file("etc/passwd", "root:x:0:0::/:/bin/sh\n");
    }

    private List<String> diff(TarBuilder expected, TarBuilder actual) throws IOException {
        return comparator.compare(expected.tree(), actual.tree());
    }

    @Test
    void theSameTreeHasNoDifferencesWhateverThePathSpellingAndTheRootEntry() throws IOException {
        TarBuilder a = base().file("app/x", "x");
        TarBuilder b = new TarBuilder().dir("/etc/", 0755).file("./etc/passwd", "root:x:0:0::/:/bin/sh\n")
                .file("app/x", "x");
        assertThat(diff(a, b)).isEmpty();
    }

    @Test
    void aPathOnOneSideOnlyIsNamedWithTheSideThatHasIt() throws IOException {
        assertThat(diff(base().file("extra", "1"), base()))
                .containsExactly("/extra: only in buildkit (file 0644 0:0 size 1 sha256:6b86b273ff34 mtime 2001-09-09T01:46:40Z)");
        assertThat(diff(base(), base().dir("proc", 0555))).singleElement().asString()
                .startsWith("/proc: only in stagecraft (dir 0555");
    }

    @Test
    void typeModeOwnerSizeAndContentAreEachReported() throws IOException {
        assertThat(diff(base().file("f", "1"), base().dir("f", 0755))).singleElement().asString()
                .startsWith("/f: type buildkit file");
        assertThat(diff(base().file("f", "1", 04755, 0, 0, TarBuilder.OLD), base().file("f", "1", 0755, 0, 0, TarBuilder.OLD)))
                .containsExactly("/f (file): mode buildkit 4755, stagecraft 0755");
        assertThat(diff(base().dir("tmp", 01777), base().dir("tmp", 0777)))
                .containsExactly("/tmp (dir): mode buildkit 1777, stagecraft 0777");
        assertThat(diff(base().file("f", "1", 0644, 1000, 1000, TarBuilder.OLD), base().file("f", "1", 0644, 1000, 50, TarBuilder.OLD)))
                .containsExactly("/f (file): owner buildkit 1000:1000, stagecraft 1000:50");
        assertThat(diff(base().file("f", "1"), base().file("f", "12")))
                .containsExactly("/f (file): size buildkit 1, stagecraft 2; content sha256 buildkit 6b86b273ff34, stagecraft 6b51d431df5d");
        assertThat(diff(base().file("f", "1"), base().file("f", "2")))
                .containsExactly("/f (file): content sha256 buildkit 6b86b273ff34, stagecraft d4735e3a265e");
    }

    @Test
    void symlinkTargetsAndDeviceNumbersAreCompared() throws IOException {
        assertThat(diff(base().symlink("l", "etc/passwd"), base().symlink("l", "/etc/passwd")))
                .containsExactly("/l (symlink): link target buildkit etc/passwd, stagecraft /etc/passwd");
        assertThat(diff(base().device("dev/null", TarConstants.LF_CHR, 1, 3), base().device("dev/null", TarConstants.LF_CHR, 1, 5)))
                .containsExactly("/dev/null (char device): device buildkit 1,3, stagecraft 1,5");
        assertThat(diff(base().device("d", TarConstants.LF_CHR, 8, 0), base().device("d", TarConstants.LF_BLK, 8, 0)))
                .singleElement().asString().startsWith("/d: type buildkit char device");
        assertThat(diff(base().device("p", TarConstants.LF_FIFO, 0, 0), base().device("p", TarConstants.LF_FIFO, 0, 0))).isEmpty();
    }

    @Test
    void hardLinksAreComparedAsNamesOfOneFileWhicheverNameCameFirst() throws IOException {
        TarBuilder a = base().file("y/w", "z").hardlink("y/z", "y/w");
        TarBuilder b = base().file("y/z", "z").hardlink("y/w", "y/z");
        assertThat(diff(a, b)).isEmpty();
        SortedMap<String, TreeEntry> tree = a.tree();
        assertThat(tree.get("y/z").sha256()).isEqualTo(tree.get("y/w").sha256());
        assertThat(tree.get("y/z").hardlinks()).containsExactly("y/w");

        TarBuilder copies = base().file("y/w", "z").file("y/z", "z");
        assertThat(diff(a, copies)).containsExactly(
                "/y/w (file): hard links buildkit [y/z], stagecraft []",
                "/y/z (file): hard links buildkit [y/w], stagecraft []");
    }

    @Test
    void aKeptMtimeIsComparedButTimesTheBuildMadeAreNot() throws IOException {
        assertThat(diff(base().file("f", "1", 0644, 0, 0, NEW), base().file("f", "1", 0644, 0, 0, NEW + 60))).isEmpty();
        assertThat(diff(base().file("f", "1", 0644, 0, 0, TarBuilder.OLD), base().file("f", "1", 0644, 0, 0, NEW)))
                .containsExactly("/f (file): mtime buildkit 2001-09-09T01:46:40Z, stagecraft 2027-01-15T08:00:00Z");
        assertThat(diff(base().file("f", "1", 0644, 0, 0, TarBuilder.OLD), base().file("f", "1", 0644, 0, 0, TarBuilder.OLD + 1)))
                .hasSize(1);
    }

    @Test
    void directoryMtimesCanBeLeftOut() throws IOException {
        TarBuilder kept = base().dir("d", 0755);
        TarBuilder made = base().dir("d", 0755, NEW);
        assertThat(diff(kept, made)).containsExactly("/d (dir): mtime buildkit 2001-09-09T01:46:40Z, stagecraft 2027-01-15T08:00:00Z");
        TreeComparator lenient = new TreeComparator("buildkit", "stagecraft", CaseComparison.PRESERVED_BEFORE, false);
        assertThat(lenient.compare(base().dir("d", 0755).tree(), made.tree())).isEmpty();
        assertThat(lenient.compare(base().file("f", "1", 0644, 0, 0, TarBuilder.OLD).tree(),
                base().file("f", "1", 0644, 0, 0, NEW).tree())).hasSize(1);
    }

    @Test
    void everyDifferenceOfAnEntryIsOnItsLine() throws IOException {
        assertThat(diff(base().file("f", "1", 0600, 1, 2, TarBuilder.OLD), base().file("f", "22", 0644, 0, 0, TarBuilder.OLD)))
                .containsExactly("/f (file): mode buildkit 0600, stagecraft 0644; owner buildkit 1:2, stagecraft 0:0; "
                        + "size buildkit 1, stagecraft 2; content sha256 buildkit 6b86b273ff34, stagecraft 785f3ec7eb32");
    }
}
