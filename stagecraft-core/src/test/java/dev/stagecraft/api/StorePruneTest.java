package dev.stagecraft.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.content.Digest;
import dev.stagecraft.content.Lease;
import dev.stagecraft.content.Leases;
import dev.stagecraft.content.LocalContentStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Images#usage()} and {@link Images#prune(boolean)} on real stores. */
class StorePruneTest {
    @TempDir
    Path tmp;

    private Path root;
    private Images images;
    private String oneId;

    @BeforeEach
    void twoImagesSharingALayer() throws IOException {
        root = tmp.resolve("root");
        Path tree = Files.createDirectories(tmp.resolve("tree/etc"));
        Files.writeString(tree.resolve("hostname"), "shared\n");
        images = Images.open(root);
        // The same tree twice, on different platforms: one layer, two configs, two manifests.
        oneId = images.importImage(tmp.resolve("tree"), "one:1", "linux/amd64", null);
        images.importImage(tmp.resolve("tree"), "two:1", "linux/arm64", null);
    }

    @Test
    void rmiThenPruneFreesOnlyWhatNoOtherImageUses() throws IOException {
        StoreUsage before = images.usage();
        assertThat(before.images()).isEqualTo(2);
        assertThat(before.blobs()).isEqualTo(5); // 1 layer + 2 configs + 2 manifests
        assertThat(before.reclaimableBlobs()).isZero();
        assertThat(before.reclaimableBytes()).isZero();

        String manifest = images.inspect("one:1").digest();
        String config = oneId;
        images.remove("one:1");
        StoreUsage after = images.usage();
        assertThat(after.images()).isEqualTo(1);
        assertThat(after.reclaimableBlobs()).isEqualTo(2);
        long expected = size(manifest) + size(config);
        assertThat(after.reclaimableBytes()).isEqualTo(expected);

        PruneResult pruned = images.prune(false);
        assertThat(pruned.deletedBlobs()).containsExactlyInAnyOrder(manifest, config);
        assertThat(pruned.bytesFreed()).isEqualTo(expected);
        assertThat(pruned.untagged()).isEmpty();
        // The shared layer stays with the other image, which still reads back whole.
        assertThat(images.inspect("two:1").configJson()).contains("arm64");
        assertThat(images.usage().blobs()).isEqualTo(3);
        assertThat(images.prune(false).bytesFreed()).isZero();
    }

    @Test
    void pruneAllRemovesEveryNameAndItsContent() {
        PruneResult pruned = images.prune(true);
        assertThat(pruned.untagged()).containsExactly("docker.io/library/one:1", "docker.io/library/two:1");
        assertThat(pruned.deletedBlobs()).hasSize(5);
        assertThat(images.list()).isEmpty();
        assertThat(images.usage()).isEqualTo(new StoreUsage(0, 0, 0, 0, 0));
    }

    /** Another process (here: another Images and Leases on the same root) holding a lease keeps its blobs. */
    @Test
    void aLeasedBlobSurvivesAPruneFromAnotherInstance() throws IOException {
        LocalContentStore otherStore = LocalContentStore.open(root);
        Leases otherLeases = Leases.open(root);
        Digest pulled;
        try (Lease lease = otherLeases.create("pull in another process", Duration.ofMinutes(5))) {
            byte[] blob = "a layer being pulled".getBytes(StandardCharsets.UTF_8);
            lease.add(Digest.sha256(blob));
            pulled = otherStore.write(blob);

            Images second = Images.open(root);
            assertThat(second.usage().reclaimableBlobs()).isZero();
            second.prune(true);
            assertThat(otherStore.exists(pulled)).isTrue();
            assertThat(second.usage().blobs()).isEqualTo(1);
        }
        // Released, it goes at the next prune.
        assertThat(images.usage().reclaimableBlobs()).isEqualTo(1);
        assertThat(images.prune(false).deletedBlobs()).containsExactly(pulled.toString());
        assertThat(otherStore.exists(pulled)).isFalse();
    }

    private long size(String digest) throws IOException {
        return Files.size(root.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())));
    }
}
