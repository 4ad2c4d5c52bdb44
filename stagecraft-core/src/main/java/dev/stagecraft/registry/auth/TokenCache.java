package dev.stagecraft.registry.auth;

import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Bearer tokens by registry and scope, so that pulling twenty layers asks the token service once.
 * Expired tokens are never handed out. Safe for concurrent use.
 */
public final class TokenCache {
    private final ConcurrentMap<String, Token> tokens = new ConcurrentHashMap<>();
    private final Clock clock;

    /** A cache on the system clock. */
    public TokenCache() {
        this(Clock.systemUTC());
    }

    /** A cache on {@code clock} (tests move time forward). */
    public TokenCache(Clock clock) {
        this.clock = clock;
    }

    /** The clock expiry is judged by. */
    public Clock clock() {
        return clock;
    }

    /** The unexpired token for a registry and a set of scopes, in any order. */
    public Optional<Token> get(String registry, Collection<String> scopes) {
        String key = key(registry, scopes);
        Token token = tokens.get(key);
        if (token == null) {
            return Optional.empty();
        }
        if (token.isExpired(clock.instant())) {
            tokens.remove(key, token);
            return Optional.empty();
        }
        return Optional.of(token);
    }

    /** Remembers a token. */
    public void put(String registry, Collection<String> scopes, Token token) {
        tokens.put(key(registry, scopes), token);
    }

    /** Forgets a token the registry refused, so that the next request fetches a new one. */
    public void invalidate(String registry, Collection<String> scopes, Token token) {
        tokens.remove(key(registry, scopes), token);
    }

    private static String key(String registry, Collection<String> scopes) {
        return registry + " " + String.join(" ", new TreeSet<>(scopes));
    }
}
