package dev.stagecraft.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which records {@code --filter until} and {@code --keep-storage} choose. */
class RecordSelectionTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String A = blob("a");
    private static final String B = blob("b");
    private static final String C = blob("c");
    private static final String D = blob("d");
    private static final Map<String, Long> SIZES = Map.of(A, 100L, B, 10L, C, 20L, D, 40L);

    @Test
    void untilChoosesTheRecordsNotUsedSinceTheCutoff() {
        CacheIndex.Entry old = entry("1", 0, A);
        CacheIndex.Entry recent = entry("2", 100, A, B);
        assertThat(RecordSelection.unusedSince(List.of(old, recent), T0.plusSeconds(50))).containsExactly(old);
        assertThat(RecordSelection.unusedSince(List.of(old, recent), T0)).isEmpty();
    }

    @Test
    void keepStorageRemovesTheLeastRecentlyUsedUntilTheRestFits() {
        // base layer A shared by every record; each adds its own layer
        CacheIndex.Entry oldest = entry("1", 10, A, B);
        CacheIndex.Entry middle = entry("2", 20, A, C);
        CacheIndex.Entry newest = entry("3", 30, A, D);
        List<CacheIndex.Entry> all = List.of(newest, oldest, middle);
        assertThat(RecordSelection.exclusiveBytes(all, SIZES, Set.of())).isEqualTo(170);

        assertThat(RecordSelection.leastRecentlyUsed(all, 170, SIZES, Set.of())).isEmpty();
        // 170 - B = 160 fits 165
        assertThat(RecordSelection.leastRecentlyUsed(all, 165, SIZES, Set.of())).containsExactly(oldest);
        // 160 - C = 140 fits 150
        assertThat(RecordSelection.leastRecentlyUsed(all, 150, SIZES, Set.of())).containsExactly(oldest, middle);
        // A goes only with the last record that names it
        assertThat(RecordSelection.leastRecentlyUsed(all, 139, SIZES, Set.of())).containsExactly(oldest, middle, newest);
        assertThat(RecordSelection.leastRecentlyUsed(all, 0, SIZES, Set.of())).hasSize(3);
    }

    @Test
    void blobsAnImageHoldsDoNotCountAgainstTheLimit() {
        CacheIndex.Entry oldest = entry("1", 10, A, B);
        CacheIndex.Entry newest = entry("2", 30, A, D);
        // An image holds A and D: the cache alone holds only B.
        assertThat(RecordSelection.exclusiveBytes(List.of(oldest, newest), SIZES, Set.of(A, D))).isEqualTo(10);
        assertThat(RecordSelection.leastRecentlyUsed(List.of(oldest, newest), 10, SIZES, Set.of(A, D))).isEmpty();
        assertThat(RecordSelection.leastRecentlyUsed(List.of(oldest, newest), 9, SIZES, Set.of(A, D)))
                .containsExactly(oldest);
    }

    @Test
    void equalTimesAreOrderedByKey() {
        CacheIndex.Entry x = entry("2", 10, B);
        CacheIndex.Entry y = entry("1", 10, C);
        CacheIndex.Entry first = x.record().key().compareTo(y.record().key()) < 0 ? x : y;
        assertThat(RecordSelection.leastRecentlyUsed(List.of(x, y), 29, SIZES, Set.of())).containsExactly(first);
        assertThat(RecordSelection.leastRecentlyUsed(List.of(y, x), 29, SIZES, Set.of())).containsExactly(first);
    }

    private static CacheIndex.Entry entry(String key, long usedAt, String... blobs) {
        List<CacheRecord.Layer> layers = java.util.Arrays.stream(blobs)
                .map(b -> new CacheRecord.Layer(b, Descriptor.of("application/vnd.oci.image.layer.v1.tar+gzip",
                        Digest.parse(b), SIZES.get(b)), "RUN", null))
                .toList();
        return new CacheIndex.Entry(new CacheRecord(blob(key), "step " + key, T0.toString(), layers),
                T0.plusSeconds(usedAt));
    }

    private static String blob(String content) {
        return Digest.sha256(content.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
