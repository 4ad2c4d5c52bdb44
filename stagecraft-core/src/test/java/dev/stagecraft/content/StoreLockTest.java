package dev.stagecraft.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class StoreLockTest {
    @TempDir
    Path root;

    @Test
    void aRootReachedThroughASymlinkSharesTheLock() throws Exception {
        Path link = Files.createSymbolicLink(root.resolve("link"), Files.createDirectory(root.resolve("real")));
        assertThat(StoreLock.of(link.resolve("locks/gc.lock"))).isSameAs(StoreLock.of(root.resolve("real/locks/gc.lock")));
    }

    @Test
    void sharedHoldersRunTogetherAndExclusiveWaitsForThem() throws Exception {
        StoreLock lock = StoreLock.of(root.resolve("locks/x.lock"));
        StoreLock.Held first = lock.shared();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> hold(lock, false));
        second.get(10, TimeUnit.SECONDS);

        CompletableFuture<Void> exclusive = CompletableFuture.runAsync(() -> hold(lock, true));
        assertWaits(exclusive);
        first.close();
        exclusive.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anExclusiveHolderMayTakeTheLockAgainInEitherMode() throws Exception {
        StoreLock lock = StoreLock.of(root.resolve("locks/x.lock"));
        try (StoreLock.Held outer = lock.exclusive()) {
            try (StoreLock.Held inner = lock.exclusive(); StoreLock.Held shared = lock.shared()) {
                CompletableFuture<Void> other = CompletableFuture.runAsync(() -> hold(lock, false));
                assertWaits(other);
                inner.close();
                shared.close();
                assertWaits(other);
                outer.close();
                other.get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void assertWaits(CompletableFuture<Void> future) throws Exception {
        try {
            future.get(300, TimeUnit.MILLISECONDS);
            throw new AssertionError("took the lock while it was held");
        } catch (TimeoutException expected) {
            // still waiting, as it should
        }
    }

    private static void hold(StoreLock lock, boolean exclusive) {
        try (StoreLock.Held held = exclusive ? lock.exclusive() : lock.shared()) {
            assertThat(held).isNotNull();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
