package dev.stagecraft.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void tokensAreKeptPerRegistryAndScopeSetUntilShortlyBeforeExpiry() {
        TokenCache cache = new TokenCache(clock);
        Token t = new Token("t", now, now.plusSeconds(300));
        cache.put("r", List.of("repository:a:pull", "repository:b:pull"), t);
        assertThat(cache.get("r", List.of("repository:b:pull", "repository:a:pull"))).hasValue(t);
        assertThat(cache.get("r", List.of("repository:a:pull"))).isEmpty();
        assertThat(cache.get("other", List.of("repository:a:pull", "repository:b:pull"))).isEmpty();
        now = now.plusSeconds(269);
        assertThat(cache.get("r", List.of("repository:a:pull", "repository:b:pull"))).hasValue(t);
        now = now.plusSeconds(1);
        assertThat(cache.get("r", List.of("repository:a:pull", "repository:b:pull"))).isEmpty();
    }

    @Test
    void invalidateDropsOnlyTheRefusedToken() {
        TokenCache cache = new TokenCache(clock);
        Token old = new Token("old", now, now.plusSeconds(60));
        Token fresh = new Token("fresh", now, now.plusSeconds(60));
        cache.put("r", List.of(), fresh);
        cache.invalidate("r", List.of(), old);
        assertThat(cache.get("r", List.of())).hasValue(fresh);
        cache.invalidate("r", List.of(), fresh);
        assertThat(cache.get("r", List.of())).isEmpty();
    }

    @Test
    void marginIsATenthOfTheLifetimeAtMostThirtySeconds() {
        Token shortLived = new Token("t", now, now.plus(Duration.ofSeconds(10)));
        assertThat(shortLived.isExpired(now.plusSeconds(8))).isFalse();
        assertThat(shortLived.isExpired(now.plusSeconds(9))).isTrue();
        Token hour = new Token("t", now, now.plus(Duration.ofHours(1)));
        assertThat(hour.isExpired(now.plusSeconds(3569))).isFalse();
        assertThat(hour.isExpired(now.plusSeconds(3570))).isTrue();
        assertThat(hour.toString()).doesNotContain("t,");
    }
}
