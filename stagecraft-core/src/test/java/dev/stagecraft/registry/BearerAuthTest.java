package dev.stagecraft.registry;

import static dev.stagecraft.registry.ScriptedRegistry.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.registry.auth.AuthenticationException;
import dev.stagecraft.registry.auth.CredentialProvider;
import dev.stagecraft.registry.auth.Credentials;
import dev.stagecraft.registry.auth.TokenCache;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The distribution token flow against a scripted registry and token service. */
class BearerAuthTest {
    private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
            + "\",\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:" + "a".repeat(64) + "\",\"size\":1},\"layers\":[]}";

    private ScriptedRegistry server;
    private final MutableClock clock = new MutableClock();
    private final AtomicInteger issued = new AtomicInteger();
    private final Set<String> valid = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenFailures = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedRegistry();
        String challenge = "Bearer realm=\"http://" + server.host() + "/token\",service=\"scripted\"";
        server.on("GET", "/token", ex -> {
            if (tokenFailures.getAndDecrement() > 0) {
                respond(ex, 503, Map.of(), "try later");
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null && !auth.equals(Credentials.basic("u", "p").basicHeader())) {
                respond(ex, 401, Map.of(), "{}");
                return;
            }
            String token = "tok-" + issued.incrementAndGet();
            valid.add(token);
            respond(ex, 200, Map.of(), "{\"token\":\"" + token + "\",\"expires_in\":300}");
        });
        server.on("POST", "/token", ex -> {
            String form = new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!form.contains("grant_type=refresh_token") || !form.contains("refresh_token=id-tok")) {
                respond(ex, 401, Map.of(), "{}");
                return;
            }
            String token = "oauth-" + issued.incrementAndGet();
            valid.add(token);
            respond(ex, 200, Map.of(), "{\"access_token\":\"" + token + "\",\"expires_in\":300}");
        });
        ScriptedRegistry.Handler guarded = ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !valid.contains(auth.substring(7))) {
                respond(ex, 401, Map.of("WWW-Authenticate", challenge), "{\"errors\":[]}");
            } else if (ex.getRequestURI().getPath().equals("/v2/")) {
                respond(ex, 200, Map.of(), "{}");
            } else {
                respond(ex, 200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), MANIFEST);
            }
        };
        server.on("GET", "/v2/", guarded);
        server.on("GET", "/v2/app/manifests/1", guarded);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RegistryClient client(CredentialProvider credentials) {
        RegistryOptions options = RegistryOptions.defaults().withCredentials(credentials)
                .withRetryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)));
        return new RegistryClient(server.host(), options, new TokenCache(clock));
    }

    @Test
    void anonymousTokenPerScopeIsFetchedOnceAndReused() {
        RegistryClient client = client(CredentialProvider.ANONYMOUS);
        assertThat(client.ping()).hasValueSatisfying(c -> assertThat(c.isBearer()).isTrue());
        client.getManifest("app", "1");
        client.getManifest("app", "1");
        assertThat(issued.get()).isEqualTo(2);
        assertThat(server.log).anyMatch(l -> l.startsWith("GET /token?service=scripted&scope=repository%3Aapp%3Apull auth=-"));
        // The challenge learnt from the ping makes every later request carry a token straight away.
        assertThat(server.count("GET /v2/app/manifests/1 auth=-")).isZero();
    }

    @Test
    void credentialsGoToTheTokenServiceOnly() {
        RegistryClient client = client(r -> Optional.of(Credentials.basic("u", "p")));
        client.getManifest("app", "1");
        assertThat(server.log).anyMatch(l -> l.startsWith("GET /token") && l.endsWith(Credentials.basic("u", "p").basicHeader()));
        assertThat(server.log).noneMatch(l -> l.startsWith("GET /v2/") && l.contains("Basic"));
    }

    @Test
    void tokenServiceHiccupIsRetried() {
        tokenFailures.set(1);
        client(CredentialProvider.ANONYMOUS).getManifest("app", "1");
        assertThat(server.count("GET /token")).isEqualTo(2);
    }

    @Test
    void identityTokenIsExchangedThroughOAuth() {
        RegistryClient client = client(r -> Optional.of(Credentials.identityToken("id-tok")));
        client.getManifest("app", "1");
        assertThat(server.log).anyMatch(l -> l.startsWith("POST /token"));
        assertThat(server.log).anyMatch(l -> l.startsWith("GET /v2/app/manifests/1 auth=Bearer oauth-1"));
    }

    @Test
    void expiredTokenIsReplacedBeforeUse() {
        RegistryClient client = client(CredentialProvider.ANONYMOUS);
        client.getManifest("app", "1");
        clock.advance(Duration.ofSeconds(280));
        client.getManifest("app", "1");
        assertThat(issued.get()).isEqualTo(2);
        assertThat(server.log).anyMatch(l -> l.startsWith("GET /v2/app/manifests/1 auth=Bearer tok-2"));
    }

    @Test
    void revokedTokenIsRefreshedOnTheRegistrys401() {
        RegistryClient client = client(CredentialProvider.ANONYMOUS);
        client.getManifest("app", "1");
        valid.clear();
        assertThat(client.getManifest("app", "1").mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(issued.get()).isEqualTo(2);
    }

    @Test
    void refusedCredentialsNameTheRegistryAndTheFix() {
        RegistryClient client = client(r -> Optional.of(Credentials.basic("u", "wrong")));
        assertThatThrownBy(() -> client.getManifest("app", "1"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining(server.host())
                .hasMessageContaining("run: stagecraft login " + server.host());
    }
}
