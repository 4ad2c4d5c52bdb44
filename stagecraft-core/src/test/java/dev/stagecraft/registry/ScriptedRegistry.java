package dev.stagecraft.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server answering as a test scripts it, for what a real registry will not do on
 * demand: fail, throttle, break off a download, send wrong content, redirect, issue tokens.
 */
final class ScriptedRegistry implements AutoCloseable {
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** Every request, as {@code METHOD path?query auth=<Authorization or ->}. */
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    ScriptedRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            log.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth=" + (auth == null ? "-" : auth));
            Handler h = routes.get(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            try {
                if (h == null) {
                    respond(exchange, 404, Map.of(), "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"unknown\"}]}");
                } else {
                    h.handle(exchange);
                }
            } catch (IOException | RuntimeException e) {
                // A handler that breaks the connection on purpose lands here.
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** {@code 127.0.0.1:<port>}: a loopback name, so the client speaks plain HTTP. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    void on(String method, String path, Handler handler) {
        routes.put(method + " " + path, handler);
    }

    /** The logged requests whose line starts with {@code prefix}. */
    long count(String prefix) {
        synchronized (log) {
            return log.stream().filter(l -> l.startsWith(prefix)).count();
        }
    }

    static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        respond(exchange, status, headers, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static void respond(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
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
