package dev.stagecraft.registry.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * A bearer token from a registry's token service.
 *
 * @param value     the token
 * @param issuedAt  when it was issued ({@code issued_at}, else when it was received)
 * @param expiresAt when it stops being valid ({@code issued_at + expires_in})
 */
public record Token(String value, Instant issuedAt, Instant expiresAt) {
    /** The distribution token spec's lifetime for a response without {@code expires_in}. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
    private static final Duration MAX_MARGIN = Duration.ofSeconds(30);

    /**
     * True when the token should no longer be sent at {@code now}. A token counts as expired a
     * little early (a tenth of its lifetime, at most 30s) so that a request sent just before the end
     * does not arrive just after it.
     */
    public boolean isExpired(Instant now) {
        Duration lifetime = Duration.between(issuedAt, expiresAt);
        Duration margin = lifetime.dividedBy(10);
        if (margin.compareTo(MAX_MARGIN) > 0) {
            margin = MAX_MARGIN;
        }
        return !now.isBefore(expiresAt.minus(margin));
    }

    /** Never prints the token itself. */
    @Override
    public String toString() {
        return "Token[expiresAt=" + expiresAt + "]";
    }
}
