package dev.stagecraft.content;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ConcurrentWritersTest {
    private static final int THREADS = 16;

    @TempDir
    Path root;

    private static void runTogether(List<Callable<Void>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            for (Future<Void> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Path> ingestFiles() throws Exception {
        try (Stream<Path> files = Files.list(root.resolve("ingest"))) {
            return files.toList();
        }
    }

    @Test
    void manyWritersOfOneBlobStoreItOnce() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024];
        new Random(1).nextBytes(content);
        Digest digest = Digest.sha256(content);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < THREADS * 2; i++) {
            // Separate store instances, as separate components (or processes) would have.
            tasks.add(() -> {
                LocalContentStore.open(root).write(digest, content.length, new ByteArrayInputStream(content));
                return null;
            });
        }
        runTogether(tasks);

        LocalContentStore store = LocalContentStore.open(root);
        assertThat(store.list()).containsExactly(digest);
        assertThat(Digest.sha256(store.read(digest))).isEqualTo(digest);
        assertThat(ingestFiles()).isEmpty();
    }

    @Test
    void manyWritersOfManyBlobsStoreThemAll() throws Exception {
        LocalContentStore store = LocalContentStore.open(root);
        List<Digest> expected = new ArrayList<>();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] content = ("blob " + i).repeat(i + 1).getBytes(UTF_8);
            expected.add(Digest.sha256(content));
            tasks.add(() -> {
                store.write(content);
                return null;
            });
        }
        runTogether(tasks);

        assertThat(store.list()).containsExactlyInAnyOrderElementsOf(expected);
        for (Digest digest : expected) {
            assertThat(Digest.sha256(store.read(digest))).isEqualTo(digest);
        }
        assertThat(ingestFiles()).isEmpty();
    }

    @Test
    void writersAndCleanersAndCollectorsTogetherLoseNothingHeld() throws Exception {
        LocalContentStore store = LocalContentStore.open(root);
        Leases leases = Leases.open(root);
        GarbageCollector gc = new GarbageCollector(store, ReferenceStore.open(root), leases);
        List<Digest> held = new ArrayList<>();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            byte[] content = ("held " + i).getBytes(UTF_8);
            Digest digest = Digest.sha256(content);
            held.add(digest);
            int n = i;
            tasks.add(() -> {
                try (Lease lease = leases.create("writer " + n, java.time.Duration.ofMinutes(5))) {
                    lease.add(digest);
                    store.write(content);
                    assertThat(store.exists(digest)).isTrue();
                    assertThat(store.read(digest)).isEqualTo(content);
                }
                return null;
            });
            if (i % 10 == 0) {
                tasks.add(() -> {
                    gc.collect(d -> List.of());
                    store.cleanIngest();
                    return null;
                });
            }
        }
        runTogether(tasks);
        assertThat(ingestFiles()).isEmpty();
    }
}
