package dev.stagecraft.registry;

import dev.stagecraft.registry.auth.AuthenticationException;
import dev.stagecraft.registry.auth.Authenticator;
import dev.stagecraft.registry.auth.Challenge;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * HTTP to one registry endpoint: authorization (learning challenges from 401s), redirects (without
 * the registry's credentials when they lead to another host, as blob storage redirects do) and
 * retries with backoff.
 */
final class Transport {
    private static final int MAX_REDIRECTS = 5;

    /**
     * One request; {@code body} is asked for a fresh publisher on every attempt.
     *
     * @param scopes the token scopes it needs, e.g. {@code repository:app:pull}
     */
    record Request(String method, URI uri, Map<String, String> headers, Supplier<BodyPublisher> body,
            List<String> scopes) {
        static Request get(URI uri, List<String> scopes, Map<String, String> headers) {
            return new Request("GET", uri, headers, HttpRequest.BodyPublishers::noBody, scopes);
        }
    }

    /** A piece of work that may be tried again. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws IOException;
    }

    private final String registry;
    private final URI base;
    /** The client for a URL: requests may be redirected from plain HTTP to HTTPS storage. */
    private final java.util.function.Function<URI, HttpClient> http;
    /** The blocking GETs for a URL, which bring blob bodies at half the CPU cost of {@code http}. */
    private final java.util.function.Function<URI, BlockingGet> blocking;
    private final Authenticator auth;
    private final RetryPolicy retry;
    private final Duration responseTimeout;

    Transport(String registry, URI base, HttpClient http, Authenticator auth, RetryPolicy retry,
            Duration responseTimeout) {
        this(registry, base, uri -> http,
                uri -> new BlockingGet(HttpClients.isHttps(uri) ? TlsContexts.systemDefault() : null, false,
                        responseTimeout, responseTimeout),
                auth, retry, responseTimeout);
    }

    /**
     * @param http     the client for a URL (the base's own, or another for a redirect to another scheme)
     * @param blocking the blocking GETs for a URL, with the same TLS set-up as {@code http}'s client
     */
    Transport(String registry, URI base, java.util.function.Function<URI, HttpClient> http,
            java.util.function.Function<URI, BlockingGet> blocking, Authenticator auth, RetryPolicy retry,
            Duration responseTimeout) {
        this.registry = registry;
        this.base = base;
        this.http = http;
        this.blocking = blocking;
        this.auth = auth;
        this.retry = retry;
        this.responseTimeout = responseTimeout;
    }

    String registry() {
        return registry;
    }

    URI base() {
        return base;
    }

    Authenticator authenticator() {
        return auth;
    }

    /** {@code path} (starting with {@code /v2/}) on this endpoint. */
    URI resolve(String path) {
        return URI.create(base + path);
    }

    /** Reads an answer (its body is closed afterwards). */
    @FunctionalInterface
    interface Reader<T> {
        T read(Answer response) throws IOException;
    }

    /**
     * Sends a request and reads its answer, trying both again as the policy allows: a retryable
     * status, or a body that breaks off while being read, starts the request over.
     */
    <T> T call(String what, Request request, Reader<T> reader) {
        return withRetries(what, isIdempotent(request.method()), () -> {
            try (Answer response = exchange(request)) {
                if (RetryPolicy.isRetryableStatus(response.status())) {
                    throw error(what, response);
                }
                return reader.read(response);
            }
        });
    }

    /** GET, HEAD, PUT and DELETE may be sent again without changing what they do. */
    static boolean isIdempotent(String method) {
        return switch (method) {
            case "GET", "HEAD", "PUT", "DELETE" -> true;
            default -> false;
        };
    }

    /**
     * Whether a failure is a timeout (the peer went silent) rather than an interruption of this
     * thread: {@link java.net.SocketTimeoutException} is an {@link InterruptedIOException} too, but
     * asks for a retry, while a real interrupt must stop the work at once.
     */
    static boolean isTimeout(IOException e) {
        if (Thread.currentThread().isInterrupted()) {
            return false;
        }
        return e instanceof java.net.SocketTimeoutException || e instanceof java.net.http.HttpTimeoutException;
    }

    /**
     * {@link #withRetries(String, boolean, Attempt)} for work that may be started over after a timeout.
     */
    <T> T withRetries(String what, Attempt<T> attempt) {
        return withRetries(what, true, attempt);
    }

    /**
     * Runs {@code attempt} until it succeeds, fails for good, or the policy's attempts are spent.
     * Retryable: {@link RegistryException#isRetryable()}, network failures other than TLS, and
     * timeouts when {@code restartable} (a request that may be sent twice without harm). An
     * interrupt of the calling thread is never retried.
     *
     * @param restartable whether the attempt may run again after a timeout, whose request may
     *                    have reached the registry
     */
    <T> T withRetries(String what, boolean restartable, Attempt<T> attempt) {
        for (int n = 1; ; n++) {
            Duration wait;
            try {
                return attempt.run();
            } catch (RegistryException e) {
                if (!e.isRetryable() || n >= retry.maxAttempts()) {
                    throw e;
                }
                wait = retry.delayBeforeRetry(n, ThreadLocalRandom.current().nextDouble(),
                        e.retryAfter().orElse(null));
            } catch (AuthenticationException e) {
                throw e;
            } catch (IOException e) {
                boolean timeout = isTimeout(e);
                boolean interrupted = !timeout && (e instanceof InterruptedIOException
                        || Thread.currentThread().isInterrupted());
                if (interrupted || timeout && !restartable || !RegistryErrors.isRetryable(e)
                        || n >= retry.maxAttempts()) {
                    throw RegistryErrors.forIo(registry, what, base.toString(), e);
                }
                wait = retry.delayBeforeRetry(n, ThreadLocalRandom.current().nextDouble());
            }
            sleep(wait, what);
        }
    }

    /**
     * One attempt: sends with the authorization known so far and, when a 401 teaches a challenge
     * that credentials or a token can answer, once more with it. GET and HEAD go over a blocking
     * connection ({@link BlockingGet}), requests with bodies through {@code java.net.http}.
     */
    Answer exchange(Request request) throws IOException {
        Optional<String> authorization = auth.authorization(request.scopes());
        Answer response = sendFollowingRedirects(request, authorization);
        if (response.status() == 401) {
            List<Challenge> challenges = Challenge.parseAll(response.headers("WWW-Authenticate"));
            if (auth.onUnauthorized(challenges, request.scopes(), authorization)) {
                response.close();
                response = sendFollowingRedirects(request, auth.authorization(request.scopes()));
            }
        }
        return response;
    }

    /**
     * Whether anything answers HTTP at this endpoint ({@code GET /v2/}, any status), tried once:
     * how an insecure registry's HTTPS endpoint is told from a plain-HTTP one.
     */
    boolean answers() {
        URI ping = resolve("/v2/");
        try (Answer answer = blocking.apply(ping).open("GET", ping, Map.of())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The exception for an answer the caller did not expect (reads and closes its body). */
    RegistryException error(String what, Answer response) throws IOException {
        return RegistryErrors.forResponse(registry, what, response, auth.hasCredentials());
    }

    private Answer sendFollowingRedirects(Request request, Optional<String> authorization) throws IOException {
        URI uri = request.uri();
        Optional<String> header = authorization;
        for (int hops = 0; ; hops++) {
            Answer response = send(request, uri, header);
            Optional<URI> next = redirect(request.method(), uri, response.status(), response.header("Location"), hops);
            if (next.isEmpty()) {
                return response;
            }
            response.close();
            header = authorizationFor(next.get(), uri, header);
            uri = next.get();
        }
    }

    private Answer send(Request request, URI uri, Optional<String> authorization) throws IOException {
        if (request.method().equals("GET") || request.method().equals("HEAD")) {
            Map<String, String> headers = new java.util.LinkedHashMap<>(request.headers());
            authorization.ifPresent(h -> headers.put("Authorization", h));
            return blocking.apply(uri).open(request.method(), uri, headers);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(responseTimeout)
                .method(request.method(), request.body().get());
        request.headers().forEach(b::header);
        authorization.ifPresent(h -> b.header("Authorization", h));
        try {
            return Answer.of(http.apply(uri).send(b.build(), StallTimeoutBody.handler(responseTimeout)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted: " + request.method() + " " + uri);
        }
    }

    /** Where an answer sends a GET or HEAD next, if it is a redirect to be followed. */
    private static Optional<URI> redirect(String method, URI uri, int status, Optional<String> location, int hops) {
        boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
        if (!redirect || location.isEmpty() || hops >= MAX_REDIRECTS
                || !(method.equals("GET") || method.equals("HEAD"))) {
            return Optional.empty();
        }
        return Optional.of(uri.resolve(location.get()));
    }

    /**
     * The authorization a redirect carries on: none to another host. Blob storage (S3, a CDN) gets
     * no registry credentials: they are not its business, and S3 refuses a request that carries
     * two kinds of authorization.
     */
    private static Optional<String> authorizationFor(URI next, URI from, Optional<String> header) {
        return Objects.equals(next.getHost(), from.getHost()) && next.getPort() == from.getPort()
                ? header : Optional.empty();
    }

    private void sleep(Duration wait, String what) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryErrors.forIo(registry, what, base.toString(),
                    new InterruptedIOException("interrupted while waiting to retry"));
        }
    }
}
