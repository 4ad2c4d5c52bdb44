package dev.stagecraft.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.MediaTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheIndexTest {
    @TempDir
    Path dir;

    private static String key(String seed) {
        return Digest.sha256(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static CacheRecord record(String key, String... blobSeeds) {
        List<CacheRecord.Layer> layers = java.util.Arrays.stream(blobSeeds)
                .map(s -> new CacheRecord.Layer(key("diff " + s),
                        Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.parse(key("blob " + s)), s.length()), "RUN " + s,
                        "2026-11-29T05:00:00Z"))
                .toList();
        return new CacheRecord(key, "[1/2] RUN make", "2026-11-29T05:00:00Z", layers);
    }

    @Test
    void aRecordComesBackAsItWasPut() throws IOException {
        CacheIndex index = CacheIndex.open(dir);
        CacheRecord r = record(key("one"), "base", "step");
        index.put(r);
        assertThat(CacheIndex.open(dir).get(key("one"))).contains(r);
        assertThat(index.get(key("two"))).isEmpty();
    }

    @Test
    void usingARecordMarksItUsed() throws IOException {
        CacheIndex index = CacheIndex.open(dir);
        index.put(record(key("one"), "a"));
        Path file = dir.resolve(key("one").substring(7) + ".json");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(index.list()).singleElement().extracting(CacheIndex.Entry::lastUsed)
                .isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        index.get(key("one"));
        assertThat(index.list()).singleElement().extracting(CacheIndex.Entry::lastUsed)
                .matches(t -> t.isAfter(Instant.parse("2025-01-01T00:00:00Z")));
    }

    @Test
    void damagedOrForeignRecordsAreMissesNotErrors() throws IOException {
        CacheIndex index = CacheIndex.open(dir);
        Files.writeString(dir.resolve(key("torn").substring(7) + ".json"), "{\"key\":\"sha256:");
        // A record filed under another key than its own (copied by hand, say) is not trusted.
        index.put(record(key("real"), "a"));
        Files.copy(dir.resolve(key("real").substring(7) + ".json"), dir.resolve(key("copy").substring(7) + ".json"));

        assertThat(index.get(key("torn"))).isEmpty();
        assertThat(index.get(key("copy"))).isEmpty();
        assertThat(index.list()).extracting(e -> e.record().key()).containsExactly(key("real"));
    }

    @Test
    void blobsOfAllRecordsAreListedForTheCollector() throws IOException {
        CacheIndex index = CacheIndex.open(dir);
        index.put(record(key("one"), "base", "x"));
        index.put(record(key("two"), "base", "y"));
        assertThat(index.blobs()).extracting(Digest::toString)
                .contains(key("blob base"), key("blob x"), key("blob y"));
        assertThat(index.remove(key("one"))).isTrue();
        assertThat(index.remove(key("one"))).isFalse();
        assertThat(index.blobs()).extracting(Digest::toString).doesNotContain(key("blob x"));
    }

    @Test
    void onlyDigestsAreKeys() throws IOException {
        CacheIndex index = CacheIndex.open(dir);
        assertThatThrownBy(() -> index.get("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
