package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Times in {@code du -v} read as Docker's tables print them. */
class RelativeTimeTest {
    @Test
    void printsDurationsAsGoUnitsHumanDurationDoes() {
        assertThat(RelativeTime.human(Duration.ofMillis(300))).isEqualTo("Less than a second");
        assertThat(RelativeTime.human(Duration.ofSeconds(1))).isEqualTo("1 second");
        assertThat(RelativeTime.human(Duration.ofSeconds(42))).isEqualTo("42 seconds");
        assertThat(RelativeTime.human(Duration.ofSeconds(90))).isEqualTo("About a minute");
        assertThat(RelativeTime.human(Duration.ofMinutes(59))).isEqualTo("59 minutes");
        assertThat(RelativeTime.human(Duration.ofMinutes(80))).isEqualTo("About an hour");
        assertThat(RelativeTime.human(Duration.ofHours(2))).isEqualTo("2 hours");
        assertThat(RelativeTime.human(Duration.ofHours(47))).isEqualTo("47 hours");
        assertThat(RelativeTime.human(Duration.ofDays(3))).isEqualTo("3 days");
        assertThat(RelativeTime.human(Duration.ofDays(20))).isEqualTo("2 weeks");
        assertThat(RelativeTime.human(Duration.ofDays(90))).isEqualTo("3 months");
        assertThat(RelativeTime.human(Duration.ofDays(800))).isEqualTo("2 years");
    }

    @Test
    void saysAgo() {
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        assertThat(RelativeTime.ago(now.minus(Duration.ofHours(2)), now)).isEqualTo("2 hours ago");
    }
}
