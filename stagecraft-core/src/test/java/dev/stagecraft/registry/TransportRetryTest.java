package dev.stagecraft.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.registry.auth.Authenticator;
import dev.stagecraft.registry.auth.CredentialProvider;
import dev.stagecraft.registry.auth.TokenCache;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which failures {@link Transport#withRetries} tries again: timeouts of restartable work yes, a
 * real interrupt of the calling thread never (it must stop at once).
 */
class TransportRetryTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final Transport transport = new Transport("reg.example.com", URI.create("https://reg.example.com"), http,
            new Authenticator("reg.example.com", "reg.example.com", CredentialProvider.ANONYMOUS, new TokenCache(),
                    http),
            new RetryPolicy(4, Duration.ZERO, Duration.ZERO), Duration.ofSeconds(1));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void socketTimeoutsOfRestartableWorkAreRetried() {
        AtomicInteger attempts = new AtomicInteger();
        String result = transport.withRetries("blob", true, () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new SocketTimeoutException("Read timed out");
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void httpTimeoutsOfRestartableWorkAreRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThat(transport.withRetries("blob", true, () -> {
            if (attempts.incrementAndGet() < 2) {
                throw new HttpTimeoutException("the server sent no data for 1s");
            }
            return 1;
        })).isEqualTo(1);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void persistentTimeoutsFailAfterThePolicysAttemptsNamingTheRegistry() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> transport.withRetries("blob sha256:ab", true, () -> {
            attempts.incrementAndGet();
            throw new SocketTimeoutException("Read timed out");
        })).isInstanceOf(RegistryException.class).hasMessageContaining("did not answer in time");
        assertThat(attempts).hasValue(4);
    }

    @Test
    void timeoutsOfWorkThatCannotBeRepeatedAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> transport.withRetries("mount", false, () -> {
            attempts.incrementAndGet();
            throw new SocketTimeoutException("Read timed out");
        })).isInstanceOf(RegistryException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anInterruptIsNeverRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> transport.withRetries("blob", true, () -> {
            attempts.incrementAndGet();
            throw new InterruptedIOException("interrupted while reading a response");
        })).isInstanceOf(RegistryException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aTimeoutOnAnInterruptedThreadStopsAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> transport.withRetries("blob", true, () -> {
            attempts.incrementAndGet();
            Thread.currentThread().interrupt();
            throw new SocketTimeoutException("Read timed out");
        })).isInstanceOf(RegistryException.class);
        assertThat(attempts).hasValue(1);
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void requestsAreRestartableByMethod() {
        assertThat(Transport.isIdempotent("GET")).isTrue();
        assertThat(Transport.isIdempotent("HEAD")).isTrue();
        assertThat(Transport.isIdempotent("PUT")).isTrue();
        assertThat(Transport.isIdempotent("POST")).isFalse();
        assertThat(Transport.isIdempotent("PATCH")).isFalse();
    }
}
