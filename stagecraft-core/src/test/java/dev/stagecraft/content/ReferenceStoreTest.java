package dev.stagecraft.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceStoreTest {
    @TempDir
    Path root;

    private static final Descriptor BUSYBOX = KilledProcessTest.manifest(1);
    private static final Descriptor ALPINE = KilledProcessTest.manifest(2);

    @Test
    void putGetRemove() throws IOException {
        ReferenceStore references = ReferenceStore.open(root);
        assertThat(references.get("docker.io/library/busybox:1")).isEmpty();

        assertThat(references.put("docker.io/library/busybox:1", BUSYBOX)).isEmpty();
        assertThat(references.get("docker.io/library/busybox:1")).contains(BUSYBOX);
        assertThat(references.put("docker.io/library/busybox:1", ALPINE)).contains(BUSYBOX);
        assertThat(references.get("docker.io/library/busybox:1")).contains(ALPINE);

        assertThat(references.remove("docker.io/library/busybox:1")).contains(ALPINE);
        assertThat(references.remove("docker.io/library/busybox:1")).isEmpty();
        assertThat(references.list()).isEmpty();
    }

    @Test
    void listIsSortedByName() throws IOException {
        ReferenceStore references = ReferenceStore.open(root);
        references.put("z:1", BUSYBOX);
        references.put("a:1", ALPINE);
        references.put("m:1", BUSYBOX);
        assertThat(references.list().keySet()).containsExactly("a:1", "m:1", "z:1");
    }

    @Test
    void referencesOutliveTheStoreInstance() throws IOException {
        Descriptor indexed = new Descriptor(MediaTypes.OCI_INDEX, BUSYBOX.digest(), 5, null, Map.of("k", "v"),
                new Descriptor.PlatformSpec("arm64", "linux", null, null, "v8"));
        ReferenceStore.open(root).put("example.com/app:v1", indexed);
        assertThat(ReferenceStore.open(root).get("example.com/app:v1")).contains(indexed);
    }

    @Test
    void theFileIsReadableJson() throws IOException {
        ReferenceStore.open(root).put("docker.io/library/busybox:1", BUSYBOX);
        var tree = new ObjectMapper().readTree(Files.readString(root.resolve("references.json")));
        assertThat(tree.get("version").asInt()).isEqualTo(1);
        assertThat(tree.at("/references/docker.io~1library~1busybox:1/digest").asText()).isEqualTo(BUSYBOX.digest());
    }

    @Test
    void invalidNamesAndDigestsAreRefused() throws IOException {
        ReferenceStore references = ReferenceStore.open(root);
        assertThatThrownBy(() -> references.put(" ", BUSYBOX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> references.put("a\nb", BUSYBOX)).isInstanceOf(IllegalArgumentException.class);
        Descriptor bad = new Descriptor(MediaTypes.OCI_MANIFEST, "sha256:nothex", 1, null, null, null);
        assertThatThrownBy(() -> references.put("a:1", bad)).isInstanceOf(InvalidDigestException.class);
        assertThat(root.resolve("references.json")).doesNotExist();
    }

    @Test
    void aCorruptFileIsReportedNotIgnored() throws IOException {
        Files.writeString(root.resolve("references.json"), "{\"references\": {");
        ReferenceStore references = ReferenceStore.open(root);
        assertThatThrownBy(() -> references.list()).isInstanceOf(IOException.class)
                .hasMessageContaining("references.json");
    }

    @Test
    void concurrentUpdatesFromManyThreadsAreAllKept() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                puts.add(pool.submit(() -> {
                    ReferenceStore references = ReferenceStore.open(root);
                    for (int i = 0; i < 20; i++) {
                        references.put("t" + thread + ":" + i, KilledProcessTest.manifest(i));
                    }
                    return null;
                }));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ReferenceStore.open(root).list()).hasSize(160);
        assertThat(Files.list(root.resolve("ingest")).count()).isZero();
    }
}
