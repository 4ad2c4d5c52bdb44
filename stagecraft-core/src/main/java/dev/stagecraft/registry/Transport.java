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
import java.net.http.HttpResponse;
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
        T read(HttpResponse<InputStream> response) throws IOException;
    }

    /**
     * Sends a request and reads its answer, trying both again as the policy allows: a retryable
     * status, or a body that breaks off while being read, starts the request over.
     */
    <T> T call(String what, Request request, Reader<T> reader) {
        return withRetries(what, isIdempotent(request.method()), () -> {
            HttpResponse<InputStream> response = exchange(request);
            try (InputStream body = response.body()) {
                if (RetryPolicy.isRetryableStatus(response.statusCode())) {
                    throw error(what, response);
                }
                return reader.read(response);
            }
        });
    }

    /** Reads the body of a 200 answer to a {@link #fetch}. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /**
     * GETs a body over a blocking connection ({@link BlockingGet}) and reads it, authorizing,
     * following redirects and retrying as {@link #call} does; any answer but 200 is an error.
     */
    <T> T fetch(String what, Request request, BodyReader<T> reader) {
        return withRetries(what, true, () -> {
            Optional<String> authorization = auth.authorization(request.scopes());
            BlockingGet.Answer answer = getFollowingRedirects(request, authorization);
            if (answer.status() == 401) {
                List<Challenge> challenges = Challenge.parseAll(answer.headers("WWW-Authenticate"));
                if (auth.onUnauthorized(challenges, request.scopes(), authorization)) {
                    answer.close();
                    answer = getFollowingRedirects(request, auth.authorization(request.scopes()));
                }
            }
            try (BlockingGet.Answer a = answer) {
                if (a.status() != 200) {
                    throw RegistryErrors.forResponse(registry, what, a.status(), a::header, a.body(),
                            auth.hasCredentials());
                }
                return reader.read(a.body());
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
     * that credentials or a token can answer, once more with it.
     */
    HttpResponse<InputStream> exchange(Request request) throws IOException {
        Optional<String> authorization = auth.authorization(request.scopes());
        HttpResponse<InputStream> response = sendFollowingRedirects(request, authorization);
        if (response.statusCode() == 401) {
            List<Challenge> challenges = Challenge.parseAll(response.headers().allValues("WWW-Authenticate"));
            if (auth.onUnauthorized(challenges, request.scopes(), authorization)) {
                response.body().close();
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
        HttpRequest ping = HttpRequest.newBuilder(resolve("/v2/")).timeout(responseTimeout).GET().build();
        try {
            http.apply(ping.uri()).send(ping, HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The exception for an answer the caller did not expect (reads and closes its body). */
    RegistryException error(String what, HttpResponse<InputStream> response) {
        return RegistryErrors.forResponse(registry, what, response, auth.hasCredentials());
    }

    private HttpResponse<InputStream> sendFollowingRedirects(Request request, Optional<String> authorization)
            throws IOException {
        URI uri = request.uri();
        Optional<String> header = authorization;
        for (int hops = 0; ; hops++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(responseTimeout)
                    .method(request.method(), request.body().get());
            request.headers().forEach(b::header);
            header.ifPresent(h -> b.header("Authorization", h));
            HttpResponse<InputStream> response;
            try {
                response = http.apply(uri).send(b.build(), StallTimeoutBody.handler(responseTimeout));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted: " + request.method() + " " + uri);
            }
            Optional<URI> next = redirect(request.method(), uri, response.statusCode(),
                    response.headers().firstValue("Location"), hops);
            if (next.isEmpty()) {
                return response;
            }
            response.body().close();
            header = authorizationFor(next.get(), uri, header);
            uri = next.get();
        }
    }

    private BlockingGet.Answer getFollowingRedirects(Request request, Optional<String> authorization)
            throws IOException {
        URI uri = request.uri();
        Optional<String> header = authorization;
        for (int hops = 0; ; hops++) {
            Map<String, String> headers = new java.util.LinkedHashMap<>(request.headers());
            header.ifPresent(h -> headers.put("Authorization", h));
            BlockingGet.Answer answer = blocking.apply(uri).open(uri, headers);
            Optional<URI> next = redirect("GET", uri, answer.status(), answer.header("Location"), hops);
            if (next.isEmpty()) {
                return answer;
            }
            answer.close();
            header = authorizationFor(next.get(), uri, header);
            uri = next.get();
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
