package dev.stagecraft.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entries of a selection come with the same checksum as {@link ContentChecksums#checksum} and say each path's content. */
class SelectionListingTest {
    @TempDir
    Path dir;

    private static BuildContext context(Path c) throws IOException {
        return BuildContext.of(c, DockerIgnore.read(c, null));
    }

    private Path ctx() throws IOException {
        Path c = dir.resolve("ctx");
        Files.createDirectories(c.resolve("src/sub"));
        Files.writeString(c.resolve("src/a.txt"), "alpha", StandardCharsets.UTF_8);
        Files.writeString(c.resolve("src/sub/b.txt"), "beta", StandardCharsets.UTF_8);
        Files.createSymbolicLink(c.resolve("src/link"), Path.of("a.txt"));
        return c;
    }

    @Test
    void entriesNameEveryPathWithItsTypeModeAndContent() throws IOException {
        Path c = ctx();
        SelectionListing l = ContentChecksums.inMemory().listing(context(c), Selection.copy("src"));
        assertThat(l.checksum()).isEqualTo(ContentChecksums.inMemory().checksum(context(c), Selection.copy("src")));
        assertThat(l.entries().keySet()).containsExactly("src", "src/a.txt", "src/link", "src/sub", "src/sub/b.txt");
        assertThat(l.entries().get("src/a.txt")).isEqualTo("f " + mode(c.resolve("src/a.txt")) + " "
                + Digest.sha256("alpha".getBytes(StandardCharsets.UTF_8)).hex());
        assertThat(l.entries().get("src/link")).isEqualTo("l 777 a.txt");
        assertThat(l.entries().get("src/sub")).startsWith("d ");
    }

    @Test
    void aWholeContextSelectionNamesPathsFromTheTopAndAMissingSourceSaysSo() throws IOException {
        Path c = ctx();
        Map<String, String> all = ContentChecksums.inMemory().listing(context(c), Selection.copy(".")).entries();
        assertThat(all).containsKeys("src/a.txt", "src/sub/b.txt");
        Map<String, String> none = ContentChecksums.inMemory()
                .listing(context(c), new Selection("nothere.txt", true, true, List.of(), List.of())).entries();
        assertThat(none).containsEntry("nothere.txt", "missing");
    }

    @Test
    void aChangedFileChangesOnlyItsEntry() throws IOException {
        Path c = ctx();
        Map<String, String> before = ContentChecksums.inMemory().listing(context(c), Selection.copy("src")).entries();
        Files.writeString(c.resolve("src/sub/b.txt"), "BETA", StandardCharsets.UTF_8);
        Map<String, String> after = ContentChecksums.inMemory().listing(context(c), Selection.copy("src")).entries();
        List<String> changed = new ArrayList<>();
        after.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                changed.add(k);
            }
        });
        assertThat(changed).containsExactly("src/sub/b.txt");
    }

    private static String mode(Path p) throws IOException {
        int m = (Integer) Files.getAttribute(p, "unix:mode");
        return Integer.toOctalString(m & 07777);
    }
}
