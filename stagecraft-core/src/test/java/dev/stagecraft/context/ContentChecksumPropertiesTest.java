package dev.stagecraft.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.content.Digest;
import dev.stagecraft.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Over random small trees: the checksum depends on content and modes only, not on where the
 * context is, the order files were written or their times; and any one-byte change shows.
 */
class ContentChecksumPropertiesTest {
    record Node(byte[] content, boolean executable) {
    }

    @Provide
    Arbitrary<Map<String, Node>> trees() {
        Arbitrary<String> paths = Arbitraries.of("a", "b", "c.txt").list().ofMinSize(1).ofMaxSize(3)
                .map(l -> String.join("/", l));
        Arbitrary<Node> nodes = Arbitraries.bytes().array(byte[].class).ofMaxSize(40)
                .flatMap(c -> Arbitraries.of(true, false).map(x -> new Node(c, x)));
        return Arbitraries.maps(paths, nodes).ofMinSize(1).ofMaxSize(12).map(ContentChecksumPropertiesTest::consistent);
    }

    /** Drops files that would have to be directories of other files too. */
    private static Map<String, Node> consistent(Map<String, Node> files) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : files.entrySet()) {
            String p = e.getKey();
            boolean clash = out.keySet().stream().anyMatch(q -> q.startsWith(p + "/") || p.startsWith(q + "/"));
            if (!clash) {
                out.put(p, e.getValue());
            }
        }
        return out;
    }

    private static Path materialise(Map<String, Node> tree, boolean reversed, long mtime) throws IOException {
        Path root = Files.createTempDirectory("checksum-property");
        List<String> order = new ArrayList<>(tree.keySet());
        if (reversed) {
            java.util.Collections.reverse(order);
        }
        for (String p : order) {
            Path f = root.resolve(p);
            Files.createDirectories(f.getParent());
            Files.write(f, tree.get(p).content());
            Files.setAttribute(f, "unix:mode", tree.get(p).executable() ? 0755 : 0644);
            Files.setLastModifiedTime(f, FileTime.fromMillis(mtime));
        }
        return root;
    }

    private static Digest checksum(Path root) throws IOException {
        return ContentChecksums.inMemory().checksum(BuildContext.of(root, DockerIgnore.none()), Selection.copy("."));
    }

    @Property(tries = 60)
    void whereAndWhenTheTreeWasWrittenDoesNotCount(@ForAll("trees") Map<String, Node> tree) throws IOException {
        Path one = materialise(tree, false, 1_000);
        Path two = materialise(tree, true, 9_999_000);
        try {
            assertThat(checksum(two)).isEqualTo(checksum(one));
        } finally {
            FileTrees.deleteRecursively(one);
            FileTrees.deleteRecursively(two);
        }
    }

    @Property(tries = 60)
    void everyOneByteChangeShows(@ForAll("trees") Map<String, Node> tree, @ForAll @IntRange(max = 1000) int pick,
            @ForAll byte delta) throws IOException {
        Path root = materialise(tree, false, 1_000);
        try {
            Digest before = checksum(root);
            List<String> files = new ArrayList<>(tree.keySet());
            Path f = root.resolve(files.get(pick % files.size()));
            byte[] content = Files.readAllBytes(f);
            if (content.length == 0 || delta == 0) {
                Files.write(f, java.util.Arrays.copyOf(content, content.length + 1)); // a byte more
            } else {
                content[pick % content.length] += delta;
                Files.write(f, content);
            }
            assertThat(checksum(root)).isNotEqualTo(before);
        } finally {
            FileTrees.deleteRecursively(root);
        }
    }
}
