package dev.stagecraft.content;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.StagecraftException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeasesTest {
    @TempDir
    Path root;

    private static final Digest A = Digest.sha256("a".getBytes(UTF_8));
    private static final Digest B = Digest.sha256("b".getBytes(UTF_8));
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void aLeaseHoldsItsDigestsUntilReleased() throws IOException {
        Leases leases = Leases.open(root);
        Lease lease = leases.create("pull busybox", Duration.ofHours(1));
        lease.add(A, B);
        leases.add("pull busybox", A);
        assertThat(leases.digests("pull busybox")).containsExactlyInAnyOrder(A, B);
        assertThat(leases.liveDigests()).containsExactlyInAnyOrder(A, B);
        assertThat(leases.names()).containsExactly("pull busybox");

        lease.close();
        assertThat(leases.liveDigests()).isEmpty();
        assertThat(leases.release("pull busybox")).isFalse();
    }

    @Test
    void leasesOutliveTheInstance() throws IOException {
        try (Lease lease = Leases.open(root).create("build", Duration.ofMinutes(5))) {
            lease.add(A);
            assertThat(Leases.open(root).digests("build")).containsExactly(A);
        }
        assertThat(Leases.open(root).names()).isEmpty();
    }

    @Test
    void expiredLeasesAreIgnoredAndDropped() throws IOException {
        ManualClock clock = new ManualClock();
        Leases leases = Leases.open(root, clock);
        leases.create("short", Duration.ofMinutes(1)).add(A);
        leases.create("long", Duration.ofHours(1)).add(B);

        clock.now = T0.plus(Duration.ofMinutes(2));
        assertThat(leases.names()).containsExactly("long");
        assertThat(leases.liveDigests()).containsExactly(B);
        assertThatThrownBy(() -> leases.add("short", A)).isInstanceOf(StagecraftException.class)
                .hasMessageContaining("short");

        // An expired lease of the same name starts empty; a live one is renewed with its digests.
        leases.create("short", Duration.ofMinutes(1));
        assertThat(leases.digests("short")).isEmpty();
        clock.now = T0.plus(Duration.ofMinutes(59));
        leases.create("long", Duration.ofHours(1));
        clock.now = T0.plus(Duration.ofMinutes(90));
        assertThat(leases.digests("long")).containsExactly(B);
    }

    @Test
    void aFileTornByACrashHoldsNothingAndIsReplaced() throws IOException {
        // Leases are not flushed to disk; after a crash the file may be empty or cut short.
        java.nio.file.Files.writeString(root.resolve("leases.json"), "{\"version\":1,\"leases\":{\"bu");
        Leases leases = Leases.open(root);
        assertThat(leases.liveDigests()).isEmpty();

        leases.create("build", Duration.ofHours(1)).add(A);
        assertThat(Leases.open(root).digests("build")).containsExactly(A);
    }

    @Test
    void invalidArgumentsAreRefused() throws IOException {
        Leases leases = Leases.open(root);
        assertThatThrownBy(() -> leases.create("", Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> leases.create("x", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> leases.add("missing", List.of(A))).isInstanceOf(StagecraftException.class);
    }
}
