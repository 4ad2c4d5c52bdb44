package dev.stagecraft.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory registry (the part of the distribution API a pull and a push use) on a loopback
 * port, for {@link WarmupCommand}: it lets the launcher record the classes of a real pull and push
 * into its class-data-sharing archive without network, docker-registry or a running daemon.
 * Keeps no state on disk, checks nothing, and is not meant for anything else.
 */
final class WarmupRegistry implements AutoCloseable {
    private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
    private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[0-9a-f]{64})");
    private static final Pattern UPLOADS = Pattern.compile("/v2/(.+)/blobs/uploads/(\\d*)");

    private record Manifest(String mediaType, byte[] bytes) {
    }

    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, Manifest> manifests = new ConcurrentHashMap<>();
    private final Map<String, ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpServer server;

    WarmupRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code 127.0.0.1:<port>}, a loopback name: clients speak plain HTTP to it. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Stores a blob; returns its digest. */
    String putBlob(byte[] content) {
        String digest = sha256(content);
        blobs.put(digest, content);
        return digest;
    }

    /** Stores a manifest under {@code repository:tag} and its digest. */
    void putManifest(String repository, String tag, String mediaType, byte[] content) {
        Manifest m = new Manifest(mediaType, content);
        manifests.put(repository + ":" + tag, m);
        manifests.put(repository + ":" + sha256(content), m);
    }

    static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            Matcher m;
            if (path.equals("/v2/")) {
                respond(ex, 200, "{}".getBytes(), Map.of("Content-Type", "application/json"));
            } else if ((m = UPLOADS.matcher(path)).matches()) {
                upload(ex, method, m.group(1), m.group(2), body);
            } else if ((m = BLOB.matcher(path)).matches()) {
                byte[] blob = blobs.get(m.group(2));
                respond(ex, blob == null ? 404 : 200, blob, Map.of("Docker-Content-Digest", m.group(2)));
            } else if ((m = MANIFEST.matcher(path)).matches() && method.equals("PUT")) {
                putManifest(m.group(1), m.group(2), ex.getRequestHeaders().getFirst("Content-Type"), body);
                respond(ex, 201, null, Map.of("Docker-Content-Digest", sha256(body)));
            } else if (m.matches()) {
                Manifest found = manifests.get(m.group(1) + ":" + m.group(2));
                respond(ex, found == null ? 404 : 200, found == null ? null : found.bytes(), found == null ? Map.of()
                        : Map.of("Content-Type", found.mediaType(), "Docker-Content-Digest", sha256(found.bytes())));
            } else {
                respond(ex, 404, null, Map.of());
            }
        }
    }

    private void upload(HttpExchange ex, String method, String repository, String session, byte[] body)
            throws IOException {
        if (method.equals("POST")) {
            String id = Integer.toString(sessions.incrementAndGet());
            uploads.put(id, new ByteArrayOutputStream());
            respond(ex, 202, null, Map.of("Location", "/v2/" + repository + "/blobs/uploads/" + id, "Range", "0-0"));
            return;
        }
        ByteArrayOutputStream data = uploads.get(session);
        if (data == null) {
            respond(ex, 404, null, Map.of());
            return;
        }
        data.write(body);
        if (method.equals("PATCH")) {
            respond(ex, 202, null, Map.of("Location", "/v2/" + repository + "/blobs/uploads/" + session,
                    "Range", "0-" + (data.size() - 1)));
        } else if (method.equals("PUT")) {
            uploads.remove(session);
            String digest = putBlob(data.toByteArray());
            respond(ex, 201, null, Map.of("Location", "/v2/" + repository + "/blobs/" + digest,
                    "Docker-Content-Digest", digest));
        } else {
            uploads.remove(session);
            respond(ex, 204, null, Map.of());
        }
    }

    private static void respond(HttpExchange ex, int status, byte[] body, Map<String, String> headers)
            throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        boolean empty = body == null || body.length == 0 || ex.getRequestMethod().equals("HEAD");
        if (body != null) {
            ex.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
        }
        ex.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
