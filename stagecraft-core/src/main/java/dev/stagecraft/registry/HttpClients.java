package dev.stagecraft.registry;

import java.net.URI;
import java.net.http.HttpClient;
import javax.net.ssl.SSLContext;

/**
 * The HTTP clients of one {@link RegistryClient}, each made on first use: one for plain HTTP that
 * has no TLS set up at all, one for HTTPS with certificate checks, one for HTTPS without them
 * (insecure registries); and, with the same TLS set-ups, the {@link BlockingGet}s blob bodies are
 * downloaded with. A pull from a loopback registry so never loads the CA certificates, unless the
 * registry sends it to an HTTPS URL (blob storage, a token service). Safe for concurrent use.
 */
final class HttpClients {
    private final RegistryOptions options;
    private final TlsContextFactory tls;
    private HttpClient plain;
    private HttpClient verified;
    private HttpClient trustingAll;
    private SSLContext verifiedContext;
    private SSLContext trustingAllContext;
    private BlockingGet plainGet;
    private BlockingGet verifiedGet;
    private BlockingGet trustingAllGet;

    HttpClients(RegistryOptions options, TlsContextFactory tls) {
        this.options = options;
        this.tls = tls;
    }

    /** The client for plain-HTTP URLs; it refuses to speak TLS. */
    synchronized HttpClient plain() {
        if (plain == null) {
            plain = build(TlsContexts.none());
        }
        return plain;
    }

    /** The client for HTTPS URLs, checking certificates against the trusted CAs. */
    synchronized HttpClient verified() {
        if (verified == null) {
            verified = build(verifiedContext());
        }
        return verified;
    }

    /** The client for HTTPS URLs of insecure registries, accepting any certificate. */
    synchronized HttpClient trustingAll() {
        if (trustingAll == null) {
            trustingAll = build(trustingAllContext());
        }
        return trustingAll;
    }

    /** {@link #verified()} for an {@code https} URL, else {@link #plain()}. */
    HttpClient forUri(URI uri) {
        return isHttps(uri) ? verified() : plain();
    }

    /** The blocking GETs for {@code uri}: checking certificates for HTTPS, else plain HTTP only. */
    synchronized BlockingGet blockingFor(URI uri) {
        if (isHttps(uri)) {
            if (verifiedGet == null) {
                verifiedGet = new BlockingGet(verifiedContext(), false, options.connectTimeout(),
                        options.responseTimeout());
            }
            return verifiedGet;
        }
        if (plainGet == null) {
            plainGet = new BlockingGet(null, false, options.connectTimeout(), options.responseTimeout());
        }
        return plainGet;
    }

    /** The blocking GETs of an insecure registry: HTTPS accepting any certificate, or plain HTTP. */
    synchronized BlockingGet blockingTrustingAll(URI uri) {
        if (!isHttps(uri)) {
            return blockingFor(uri);
        }
        if (trustingAllGet == null) {
            trustingAllGet = new BlockingGet(trustingAllContext(), true, options.connectTimeout(),
                    options.responseTimeout());
        }
        return trustingAllGet;
    }

    private synchronized SSLContext verifiedContext() {
        if (verifiedContext == null) {
            verifiedContext = tls.create();
        }
        return verifiedContext;
    }

    private synchronized SSLContext trustingAllContext() {
        if (trustingAllContext == null) {
            trustingAllContext = TlsContexts.trustingAll();
        }
        return trustingAllContext;
    }

    static boolean isHttps(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    private HttpClient build(SSLContext context) {
        return HttpClient.newBuilder()
                // HTTP/1.1: h2c upgrade attempts confuse some plain-HTTP registries and proxies.
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.connectTimeout())
                .sslContext(context)
                .build();
    }
}
