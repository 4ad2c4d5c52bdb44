package dev.stagecraft.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Fetches bearer tokens as the distribution token specification describes: {@code GET realm} with
 * {@code service} and {@code scope} parameters (Basic credentials when there are any), or, for an
 * identity token, the OAuth2 {@code POST realm} with {@code grant_type=refresh_token}.
 */
final class TokenService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String CLIENT_ID = "stagecraft";

    private final Function<URI, HttpClient> http;
    private final Clock clock;

    TokenService(Function<URI, HttpClient> http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /**
     * A token for {@code scopes} from the realm of {@code challenge}.
     *
     * @throws AuthenticationException when the token service refuses or answers nonsense
     * @throws IOException              when it cannot be reached or fails transiently (5xx, 429)
     */
    Token fetch(Challenge challenge, Collection<String> scopes, Optional<Credentials> credentials, String registry)
            throws IOException {
        String realm = challenge.param("realm").orElseThrow(() -> new AuthenticationException(
                registry + ": the registry's Bearer challenge names no realm"));
        StringJoiner query = new StringJoiner("&");
        challenge.param("service").ifPresent(s -> query.add("service=" + encode(s)));
        HttpRequest request;
        if (credentials.isPresent() && credentials.get().isIdentityToken()) {
            query.add("grant_type=refresh_token").add("client_id=" + CLIENT_ID)
                    .add("refresh_token=" + encode(credentials.get().identityToken()));
            query.add("scope=" + encode(String.join(" ", scopes)));
            request = HttpRequest.newBuilder(URI.create(realm)).timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(query.toString())).build();
        } else {
            scopes.forEach(s -> query.add("scope=" + encode(s)));
            String sep = realm.contains("?") ? "&" : "?";
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(realm + sep + query)).timeout(TIMEOUT).GET();
            credentials.ifPresent(c -> b.header("Authorization", c.basicHeader()));
            request = b.build();
        }
        HttpResponse<byte[]> response;
        try {
            response = http.apply(request.uri()).send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while fetching a token from " + realm);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new AuthenticationException(registry + ": the token service " + realm + " refused "
                    + (credentials.isPresent() ? "the stored credentials" : "anonymous access")
                    + " (HTTP " + response.statusCode() + "); run: stagecraft login " + registry);
        }
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            // Transient: an IOException lets the caller's retry policy try again.
            throw new IOException("the token service " + realm + " answered HTTP " + response.statusCode());
        }
        if (response.statusCode() / 100 != 2) {
            throw new AuthenticationException(registry + ": the token service " + realm + " answered HTTP "
                    + response.statusCode());
        }
        return parse(response.body(), realm);
    }

    private Token parse(byte[] body, String realm) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw new AuthenticationException("the token service " + realm + " answered something that is not JSON");
        }
        String value = node.path("token").asText("");
        if (value.isEmpty()) {
            value = node.path("access_token").asText("");
        }
        if (value.isEmpty()) {
            throw new AuthenticationException("the token service " + realm + " answered without a token");
        }
        Instant issued = clock.instant();
        String issuedText = node.path("issued_at").asText("");
        if (!issuedText.isEmpty()) {
            try {
                Instant stated = OffsetDateTime.parse(issuedText).toInstant();
                // A token service whose clock runs ahead must not make fresh tokens look old forever.
                if (stated.isBefore(issued)) {
                    issued = stated;
                }
            } catch (DateTimeParseException e) {
                // The spec makes issued_at optional; an unreadable one counts as absent.
            }
        }
        long expiresIn = node.path("expires_in").asLong(0);
        Duration lifetime = expiresIn > 0 ? Duration.ofSeconds(expiresIn) : Token.DEFAULT_LIFETIME;
        return new Token(value, issued, issued.plus(lifetime));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
