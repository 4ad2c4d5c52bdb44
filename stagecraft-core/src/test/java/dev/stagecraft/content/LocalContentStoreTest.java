package dev.stagecraft.content;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalContentStoreTest {
    @TempDir
    Path root;

    private static final byte[] HELLO = "hello\n".getBytes(UTF_8);
    private static final Digest HELLO_DIGEST =
            Digest.parse("sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");

    private LocalContentStore store() throws IOException {
        return LocalContentStore.open(root);
    }

    private List<Path> ingestFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("ingest"))) {
            return files.toList();
        }
    }

    @Test
    void aBlobIsStoredUnderItsDigest() throws IOException {
        LocalContentStore store = store();
        store.write(HELLO_DIGEST, HELLO.length, new ByteArrayInputStream(HELLO));

        assertThat(root.resolve("blobs/sha256/" + HELLO_DIGEST.hex())).hasBinaryContent(HELLO);
        assertThat(store.exists(HELLO_DIGEST)).isTrue();
        assertThat(store.size(HELLO_DIGEST)).contains((long) HELLO.length);
        assertThat(store.read(HELLO_DIGEST)).isEqualTo(HELLO);
        try (InputStream in = store.open(HELLO_DIGEST)) {
            assertThat(in.readAllBytes()).isEqualTo(HELLO);
        }
        assertThat(ingestFiles()).isEmpty();
    }

    @Test
    void writingBytesReturnsTheirSha256() throws IOException {
        LocalContentStore store = store();
        assertThat(store.write(HELLO)).isEqualTo(HELLO_DIGEST);
        assertThat(store.write(new ByteArrayInputStream(HELLO))).isEqualTo(HELLO_DIGEST);
        assertThat(store.list()).containsExactly(HELLO_DIGEST);
    }

    @Test
    void contentWithAnotherDigestIsRefusedAndLeavesNothing() throws IOException {
        LocalContentStore store = store();
        Digest other = Digest.sha256("other".getBytes(UTF_8));

        assertThatThrownBy(() -> store.write(other, HELLO.length, new ByteArrayInputStream(HELLO)))
                .isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining(other.toString()).hasMessageContaining(HELLO_DIGEST.toString());
        assertThat(store.exists(other)).isFalse();
        assertThat(store.exists(HELLO_DIGEST)).isFalse();
        assertThat(store.list()).isEmpty();
        assertThat(ingestFiles()).isEmpty();
    }

    @Test
    void contentOfAnotherSizeIsRefused() throws IOException {
        LocalContentStore store = store();
        assertThatThrownBy(() -> store.write(HELLO_DIGEST, HELLO.length + 1, new ByteArrayInputStream(HELLO)))
                .isInstanceOf(DigestMismatchException.class).hasMessageContaining("7 bytes");
        assertThatThrownBy(() -> store.write(HELLO_DIGEST, HELLO.length - 1, new ByteArrayInputStream(HELLO)))
                .isInstanceOf(DigestMismatchException.class).hasMessageContaining("5 bytes");
        assertThat(store.list()).isEmpty();
        assertThat(ingestFiles()).isEmpty();
    }

    @Test
    void aNegativeSizeIsNotChecked() throws IOException {
        LocalContentStore store = store();
        store.write(HELLO_DIGEST, -1, new ByteArrayInputStream(HELLO));
        assertThat(store.read(HELLO_DIGEST)).isEqualTo(HELLO);
    }

    @Test
    void otherAlgorithmsAreVerifiedWithTheirOwnDigest() throws IOException {
        LocalContentStore store = store();
        Digest sha512 = Digest.parse("sha512:" + java.util.HexFormat.of().formatHex(
                new Digest("sha512", "0".repeat(128)).newMessageDigest().digest(HELLO)));
        store.write(sha512, HELLO.length, new ByteArrayInputStream(HELLO));
        assertThat(root.resolve("blobs/sha512/" + sha512.hex())).hasBinaryContent(HELLO);
        assertThat(store.list()).containsExactly(sha512);
    }

    @Test
    void anExistingBlobShortCircuitsWithoutReadingTheStream() throws IOException {
        LocalContentStore store = store();
        store.write(HELLO);
        InputStream unreadable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the stream of a stored blob must not be read");
            }
        };
        store.write(HELLO_DIGEST, HELLO.length, unreadable);
        assertThat(store.read(HELLO_DIGEST)).isEqualTo(HELLO);
    }

    @Test
    void aFailingSourceLeavesNothing() throws IOException {
        LocalContentStore store = store();
        InputStream failing = new InputStream() {
            private int left = 100_000;

            @Override
            public int read() throws IOException {
                if (left == 0) {
                    throw new IOException("connection reset");
                }
                left--;
                return 'x';
            }
        };
        assertThatThrownBy(() -> store.write(HELLO_DIGEST, 200_000, failing)).hasMessage("connection reset");
        assertThat(store.list()).isEmpty();
        assertThat(ingestFiles()).isEmpty();
    }

    @Test
    void missingBlobsAreReported() throws IOException {
        LocalContentStore store = store();
        assertThat(store.exists(HELLO_DIGEST)).isFalse();
        assertThat(store.size(HELLO_DIGEST)).isEmpty();
        assertThatThrownBy(() -> store.open(HELLO_DIGEST)).isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining(HELLO_DIGEST.toString());
        assertThatThrownBy(() -> store.read(HELLO_DIGEST)).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void deleteRemovesABlob() throws IOException {
        LocalContentStore store = store();
        store.write(HELLO);
        assertThat(store.delete(HELLO_DIGEST)).isTrue();
        assertThat(store.delete(HELLO_DIGEST)).isFalse();
        assertThat(store.exists(HELLO_DIGEST)).isFalse();
    }

    @Test
    void listSkipsFilesThatAreNotBlobs() throws IOException {
        LocalContentStore store = store();
        Digest a = store.write("a".getBytes(UTF_8));
        Digest b = store.write("b".getBytes(UTF_8));
        Files.writeString(root.resolve("blobs/sha256/not-a-digest"), "x");
        assertThat(store.list()).containsExactly(a.compareTo(b) < 0 ? new Digest[] {a, b} : new Digest[] {b, a});
    }

    @Test
    void largeBlobsStreamThrough() throws IOException {
        LocalContentStore store = store();
        byte[] big = new byte[5 * 1024 * 1024 + 17];
        new Random(7).nextBytes(big);
        Digest digest = Digest.sha256(big);
        store.write(digest, big.length, new ByteArrayInputStream(big));
        assertThat(store.size(digest)).contains((long) big.length);
        try (InputStream in = store.open(digest)) {
            assertThat(Arrays.equals(in.readAllBytes(), big)).isTrue();
        }
    }

    @Test
    void staleIngestLeftoversAreCleanedButNeverServed() throws IOException {
        LocalContentStore store = store();
        Path old = Files.write(root.resolve("ingest/dead.tmp"), HELLO);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path fresh = Files.write(root.resolve("ingest/fresh.tmp"), HELLO);

        assertThat(store.exists(HELLO_DIGEST)).isFalse();
        assertThat(store.list()).isEmpty();

        LocalContentStore.open(root);
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
        assertThat(store.cleanIngest(Duration.ofMinutes(5))).isZero();
        assertThat(store.cleanIngest()).isEqualTo(1);
        assertThat(ingestFiles()).isEmpty();
    }

    @Test
    void cleaningLeavesAWriteInProgressAlone() throws Exception {
        LocalContentStore store = store();
        try (IngestDir.TempFile temp = store.ingestDir().create()) {
            temp.write(HELLO, 0, HELLO.length);
            assertThat(store.cleanIngest()).isZero();
            assertThat(temp.path()).exists();
            // Still locked after the cleaner looked (the cleaner must not open our file).
            temp.commitTo(root.resolve("committed"));
        }
        assertThat(root.resolve("committed")).hasBinaryContent(HELLO);
        assertThat(ingestFiles()).isEmpty();
    }

    @Test
    void openCreatesTheLayout() throws IOException {
        Path nested = root.resolve("a/b");
        LocalContentStore store = LocalContentStore.open(nested);
        assertThat(store.root()).isEqualTo(nested.toAbsolutePath());
        assertThat(nested.resolve("blobs/sha256")).isDirectory();
        assertThat(nested.resolve("ingest")).isDirectory();
        assertThat(store.blobPath(HELLO_DIGEST)).isEqualTo(nested.resolve("blobs/sha256/" + HELLO_DIGEST.hex()));
    }
}
