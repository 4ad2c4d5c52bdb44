package dev.stagecraft.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * GET and HEAD requests over blocking connections ({@link HttpURLConnection}).
 * {@code java.net.http} hands a body from its selector thread through a chain of buffers, queues
 * and thread hand-offs that costs more CPU than the download itself: 478 MB from a loopback
 * registry took 2.6 CPU-seconds through it against 1.4 over a blocking connection, which reads the
 * socket into the caller's buffer. Setting it up is dearer too: a fresh JVM took 400 ms for its
 * first two requests against 50 ms here. Connections are kept alive and reused per host by the JDK.
 *
 * <p>A blocked read cannot be interrupted; a read that returns on an interrupted thread fails at
 * once, and a server silent for the response timeout fails the read, which the caller may retry.
 */
final class BlockingGet {
    private final SSLContext tls;
    private final boolean trustAll;
    private final Duration connectTimeout;
    private final Duration responseTimeout;

    /**
     * @param tls      the TLS context of HTTPS URLs; null when only plain HTTP is spoken
     * @param trustAll whether host names go unchecked (insecure registries, whose context accepts
     *                 any certificate)
     */
    BlockingGet(SSLContext tls, boolean trustAll, Duration connectTimeout, Duration responseTimeout) {
        this.tls = tls;
        this.trustAll = trustAll;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
    }

    /** Sends a GET or HEAD (never following redirects) and waits for the head of its answer. */
    Answer open(String method, URI uri, Map<String, String> headers) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setRequestMethod(method);
        if (connection instanceof HttpsURLConnection https) {
            if (tls == null) {
                throw new SSLException("no TLS set up for " + uri);
            }
            https.setSSLSocketFactory(tls.getSocketFactory());
            if (trustAll) {
                https.setHostnameVerifier((host, session) -> true);
            }
        }
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout(millis(connectTimeout));
        connection.setReadTimeout(millis(responseTimeout));
        // Not the JDK's default of "text/html, image/gif, ...": a blob is whatever it is.
        connection.setRequestProperty("Accept", "*/*");
        headers.forEach(connection::setRequestProperty);
        try {
            connection.getResponseCode();
        } catch (IOException e) {
            connection.disconnect();
            throw e;
        }
        return new Blocking(uri, connection);
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    /** The answer on one connection; closing it gives the connection back for reuse. */
    private static final class Blocking implements Answer {
        private final URI uri;
        private final HttpURLConnection connection;
        private InputStream body;

        private Blocking(URI uri, HttpURLConnection connection) {
            this.uri = uri;
            this.connection = connection;
        }

        @Override
        public URI uri() {
            return uri;
        }

        @Override
        public int status() throws IOException {
            return connection.getResponseCode();
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.ofNullable(connection.getHeaderField(name));
        }

        @Override
        public List<String> headers(String name) {
            for (Map.Entry<String, List<String>> e : connection.getHeaderFields().entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return List.of();
        }

        /** A read that returns on an interrupted thread throws {@link InterruptedIOException}. */
        @Override
        public InputStream body() throws IOException {
            if (body == null) {
                InputStream raw = connection.getResponseCode() >= 400 ? connection.getErrorStream()
                        : connection.getInputStream();
                body = new Interruptible(raw == null ? InputStream.nullInputStream() : raw);
            }
            return body;
        }

        @Override
        public void close() throws IOException {
            if (body != null) {
                body.close();
            } else {
                connection.disconnect();
            }
        }
    }

    /** Stops a download whose thread was interrupted at the next read. */
    private static final class Interruptible extends FilterInputStream {
        Interruptible(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            check();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            check();
            return n;
        }

        private static void check() throws InterruptedIOException {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while reading a response");
            }
        }
    }
}
