package dev.stagecraft.registry.auth;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;

/**
 * The authentication state of one registry endpoint: which challenge it sent, the credentials for
 * it, and its bearer tokens. It answers what {@code Authorization} header a request needs and
 * learns from every 401. Safe for concurrent use (parallel layer downloads share one).
 */
public final class Authenticator {
    private final String registry;
    private final String tokenKey;
    private final CredentialProvider provider;
    private final TokenCache tokens;
    private final TokenService tokenService;
    private volatile Challenge challenge;
    private volatile Optional<Credentials> credentials;

    /**
     * @param registry the registry as references name it (credentials are looked up by it)
     * @param endpoint the endpoint's host, which keys the token cache (a mirror has its own tokens)
     * @param provider where credentials come from
     * @param tokens   the token cache, shared between endpoints
     * @param http     the client for the token service
     */
    public Authenticator(String registry, String endpoint, CredentialProvider provider, TokenCache tokens,
            HttpClient http) {
        this(registry, endpoint, provider, tokens, realm -> http);
    }

    /**
     * @param registry the registry as references name it (credentials are looked up by it)
     * @param endpoint the endpoint's host, which keys the token cache (a mirror has its own tokens)
     * @param provider where credentials come from
     * @param tokens   the token cache, shared between endpoints
     * @param http     the client for a token service URL: a plain-HTTP registry may send its
     *                 clients to an HTTPS token service, whose client is then made on demand
     */
    public Authenticator(String registry, String endpoint, CredentialProvider provider, TokenCache tokens,
            java.util.function.Function<java.net.URI, HttpClient> http) {
        this.registry = registry;
        this.tokenKey = endpoint;
        this.provider = provider;
        this.tokens = tokens;
        this.tokenService = new TokenService(http, tokens.clock());
    }

    /** The registry this authenticates to. */
    public String registry() {
        return registry;
    }

    /** True when there are credentials for the registry (else requests go anonymously). */
    public boolean hasCredentials() {
        return credentials().isPresent();
    }

    /** The challenge the registry last sent, if any. */
    public Optional<Challenge> challenge() {
        return Optional.ofNullable(challenge);
    }

    /**
     * The {@code Authorization} header for a request needing {@code scopes}, or empty when none
     * is known to be needed yet (no challenge seen) or none can be given (Basic without credentials).
     */
    public Optional<String> authorization(List<String> scopes) throws IOException {
        Challenge c = challenge;
        if (c == null) {
            return Optional.empty();
        }
        if (c.isBasic()) {
            return credentials().filter(cr -> !cr.isIdentityToken()).map(Credentials::basicHeader);
        }
        if (c.isBearer()) {
            return Optional.of("Bearer " + token(c, scopes).value());
        }
        return Optional.empty();
    }

    /**
     * Learns from a 401 answer to a request that carried {@code sent} (or no header).
     *
     * @return true when sending the request again with {@link #authorization(List)} can succeed
     */
    public boolean onUnauthorized(List<Challenge> challenges, List<String> scopes, Optional<String> sent) {
        Optional<Challenge> chosen = challenges.stream().filter(Challenge::isBearer).findFirst()
                .or(() -> challenges.stream().filter(Challenge::isBasic).findFirst());
        if (chosen.isEmpty()) {
            return false;
        }
        challenge = chosen.get();
        if (chosen.get().isBearer()) {
            // A refused token expired early or lacked a scope: drop it so a fresh one is fetched.
            sent.filter(h -> h.startsWith("Bearer ")).ifPresent(h -> tokens.get(tokenKey, scopes)
                    .filter(t -> h.equals("Bearer " + t.value()))
                    .ifPresent(t -> tokens.invalidate(tokenKey, scopes, t)));
            return true;
        }
        // Basic credentials that were sent and refused will be refused again.
        return sent.isEmpty() && hasCredentials();
    }

    private Token token(Challenge c, List<String> scopes) throws IOException {
        Optional<Token> cached = tokens.get(tokenKey, scopes);
        if (cached.isPresent()) {
            return cached.get();
        }
        // One fetch at a time per endpoint: parallel downloads would otherwise all ask at once.
        synchronized (this) {
            cached = tokens.get(tokenKey, scopes);
            if (cached.isPresent()) {
                return cached.get();
            }
            Token fresh = tokenService.fetch(c, scopes, credentials(), registry);
            tokens.put(tokenKey, scopes, fresh);
            return fresh;
        }
    }

    private Optional<Credentials> credentials() {
        Optional<Credentials> known = credentials;
        if (known == null) {
            // Looked up once: a credential helper is a process start per call.
            known = provider.credentials(registry);
            credentials = known;
        }
        return known;
    }
}
