package dev.stagecraft.content;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobWriterTest {
    @TempDir
    Path root;

    private long ingestCount() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("ingest"))) {
            return files.count();
        }
    }

    @Test
    void aCommittedWriterStoresItsBytesUnderTheirSha256() throws IOException {
        LocalContentStore store = LocalContentStore.open(root);
        byte[] big = new byte[300_000];
        new Random(3).nextBytes(big);
        Digest digest;
        try (BlobWriter writer = store.writer()) {
            // Single bytes, small chunks and a chunk larger than the buffer, in one blob.
            writer.write(1);
            writer.write("small".getBytes(UTF_8));
            writer.write(big);
            assertThat(store.list()).isEmpty();
            digest = writer.commit();
            assertThat(writer.size()).isEqualTo(1 + 5 + big.length);
        }
        byte[] stored = store.read(digest);
        assertThat(Digest.sha256(stored)).isEqualTo(digest);
        assertThat(stored).hasSize(1 + 5 + big.length);
        assertThat(ingestCount()).isZero();
    }

    @Test
    void aGzipStreamCanBeWrittenThrough() throws IOException {
        LocalContentStore store = LocalContentStore.open(root);
        BlobWriter writer = store.writer();
        try (GZIPOutputStream gzip = new GZIPOutputStream(writer)) {
            gzip.write("layer content\n".repeat(10_000).getBytes(UTF_8));
        }
        // The gzip stream closed the writer without a commit: nothing is stored.
        assertThat(store.list()).isEmpty();
        assertThatThrownBy(writer::commit).isInstanceOf(IOException.class);

        try (BlobWriter second = store.writer()) {
            GZIPOutputStream gzip = new GZIPOutputStream(second);
            gzip.write("layer content\n".repeat(10_000).getBytes(UTF_8));
            gzip.finish();
            Digest digest = second.commit();
            assertThat(store.exists(digest)).isTrue();
        }
        assertThat(ingestCount()).isZero();
    }

    @Test
    void closingWithoutCommitDiscards() throws IOException {
        LocalContentStore store = LocalContentStore.open(root);
        try (BlobWriter writer = store.writer()) {
            writer.write("abandoned".getBytes(UTF_8));
        }
        assertThat(store.list()).isEmpty();
        assertThat(ingestCount()).isZero();
    }

    @Test
    void committingTwiceGivesTheSameDigest() throws IOException {
        LocalContentStore store = LocalContentStore.open(root);
        try (BlobWriter writer = store.writer()) {
            writer.write("x".getBytes(UTF_8));
            assertThat(writer.commit()).isEqualTo(writer.commit()).isEqualTo(Digest.sha256("x".getBytes(UTF_8)));
            assertThatThrownBy(() -> writer.write(1)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void writingContentThatIsStoredAlreadyIsFine() throws IOException {
        LocalContentStore store = LocalContentStore.open(root);
        Digest first = store.write("same".getBytes(UTF_8));
        try (BlobWriter writer = store.writer()) {
            writer.write("same".getBytes(UTF_8));
            assertThat(writer.commit()).isEqualTo(first);
        }
        assertThat(store.list()).containsExactly(first);
        assertThat(ingestCount()).isZero();
    }
}
