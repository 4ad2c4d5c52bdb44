package dev.stagecraft.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A loopback HTTP/1.1 proxy in front of a real registry that injects faults into chosen requests:
 * for the first N requests matching a method and a path pattern it resets the connection in the
 * middle of the response, answers an error status (optionally with {@code Retry-After}) without
 * asking the registry, truncates the body, replaces body bytes, or stalls before the body.
 *
 * <p>Every exchange uses its own connections ({@code Connection: close} both ways), so a fault
 * never leaks into the next request. The {@code Host} header is forwarded unchanged, so the
 * registry's {@code Location} headers point back at the proxy.
 */
final class FaultProxy implements AutoCloseable {
    /** What to do to a matching request. */
    sealed interface Fault {
        /** Forward, then send the head and half the body (half the head when no body) and reset the connection. */
        record Reset() implements Fault {}

        /** Answer {@code status} without forwarding; {@code retryAfter} in seconds, or negative for none. */
        record Status(int status, int retryAfter) implements Fault {}

        /** Forward, then send the head unchanged and at most {@code bytes} of the body (never all of it), and close. */
        record Truncate(int bytes) implements Fault {}

        /** Forward, then send the body with every byte inverted (same length, wrong content). */
        record Corrupt() implements Fault {}

        /** Forward, send the head, wait {@code millis}, then send the body. */
        record Stall(long millis) implements Fault {}

        /** Forward, wait {@code millis} before sending anything, then send the response. */
        record StallHead(long millis) implements Fault {}
    }

    /** A fault for the first {@code times} requests of {@code method} (null: any) whose target matches. */
    static final class Rule {
        final String method;
        final Pattern target;
        final Fault fault;
        final AtomicInteger remaining;
        final AtomicInteger applied = new AtomicInteger();

        Rule(String method, Pattern target, Fault fault, int times) {
            this.method = method;
            this.target = target;
            this.fault = fault;
            this.remaining = new AtomicInteger(times);
        }

        /** How often the fault was injected. */
        int applied() {
            return applied.get();
        }

        private boolean claim(String m, String t) {
            if ((method != null && !method.equals(m)) || !target.matcher(t).find()) {
                return false;
            }
            for (int left = remaining.get(); left > 0; left = remaining.get()) {
                if (remaining.compareAndSet(left, left - 1)) {
                    applied.incrementAndGet();
                    return true;
                }
            }
            return false;
        }
    }

    private final int upstreamPort;
    private final ServerSocket server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** Starts a proxy on a free loopback port forwarding to {@code 127.0.0.1:upstreamPort}. */
    FaultProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        workers.execute(this::acceptLoop);
    }

    /** The proxy's address as references name it: {@code 127.0.0.1:<port>}. */
    String host() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Adds a fault for the first {@code times} matching requests. */
    Rule inject(String method, String targetRegex, Fault fault, int times) {
        Rule rule = new Rule(method, Pattern.compile(targetRegex), fault, times);
        rules.add(rule);
        return rule;
    }

    /** Removes every fault and forgets the request log. */
    void clear() {
        rules.clear();
        log.clear();
    }

    /** {@code METHOD target} of every request seen, in order of arrival. */
    List<String> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** How many requests seen so far match a method and a target pattern. */
    long count(String method, String targetRegex) {
        Pattern p = Pattern.compile(targetRegex);
        return requests().stream().filter(r -> r.startsWith(method + " ") && p.matcher(r).find()).count();
    }

    @Override
    public void close() throws IOException {
        server.close();
        workers.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                workers.execute(() -> handle(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            client.setSoTimeout(30_000);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            String method = requestLine[0];
            String target = requestLine[1];
            log.add(method + " " + target);
            List<String> headers = new ArrayList<>();
            long length = 0;
            boolean chunked = false;
            for (int i = 1; i < lines.length; i++) {
                String name = lines[i].substring(0, lines[i].indexOf(':')).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(lines[i].indexOf(':') + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection", "keep-alive", "upgrade", "http2-settings" -> { }
                    default -> headers.add(lines[i]);
                }
            }
            byte[] body = chunked ? readChunked(in) : in.readNBytes((int) length);
            Rule rule = rules.stream().filter(r -> r.claim(method, target)).findFirst().orElse(null);
            Fault fault = rule == null ? null : rule.fault;
            if (fault instanceof Fault.Status s) {
                byte[] err = ("{\"errors\":[{\"code\":\"INJECTED\",\"message\":\"fault proxy answers " + s.status()
                        + "\"}]}").getBytes(StandardCharsets.UTF_8);
                String h = "HTTP/1.1 " + s.status() + " Injected\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + err.length + "\r\nConnection: close\r\n"
                        + (s.retryAfter() >= 0 ? "Retry-After: " + s.retryAfter() + "\r\n" : "") + "\r\n";
                out.write(h.getBytes(StandardCharsets.ISO_8859_1));
                out.write(err);
                out.flush();
                return;
            }
            byte[] response = forward(method, target, headers, body);
            int split = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)) + 4;
            byte[] respHead = rewriteHead(new String(response, 0, split, StandardCharsets.ISO_8859_1));
            byte[] respBody = java.util.Arrays.copyOfRange(response, split, response.length);
            if (fault instanceof Fault.StallHead s) {
                Thread.sleep(s.millis());
            }
            if (fault == null || fault instanceof Fault.StallHead) {
                out.write(respHead);
                out.write(respBody);
            } else if (fault instanceof Fault.Reset) {
                if (respBody.length > 0) {
                    out.write(respHead);
                    out.write(respBody, 0, respBody.length / 2);
                } else {
                    out.write(respHead, 0, respHead.length / 2);
                }
                out.flush();
                client.setSoLinger(true, 0);
                return;
            } else if (fault instanceof Fault.Truncate t) {
                out.write(respHead);
                out.write(respBody, 0, Math.max(0, Math.min(t.bytes(), respBody.length - 1)));
            } else if (fault instanceof Fault.Corrupt) {
                out.write(respHead);
                for (int i = 0; i < respBody.length; i++) {
                    respBody[i] = (byte) ~respBody[i];
                }
                out.write(respBody);
            } else if (fault instanceof Fault.Stall s) {
                out.write(respHead);
                out.flush();
                Thread.sleep(s.millis());
                out.write(respBody);
            }
            out.flush();
        } catch (IOException | RuntimeException e) {
            // The client gave up (after a stall, say) or the connection was reset on purpose.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] forward(String method, String target, List<String> headers, byte[] body) throws IOException {
        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            upstream.setSoTimeout(30_000);
            StringBuilder sb = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
            headers.forEach(h -> sb.append(h).append("\r\n"));
            if (body.length > 0 || !method.equals("GET") && !method.equals("HEAD")) {
                sb.append("Content-Length: ").append(body.length).append("\r\n");
            }
            sb.append("Connection: close\r\n\r\n");
            OutputStream out = upstream.getOutputStream();
            out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return upstream.getInputStream().readAllBytes();
        }
    }

    /** The response head with {@code Connection: close} instead of whatever the registry said. */
    private static byte[] rewriteHead(String head) {
        StringBuilder sb = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (line.isEmpty() || line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                continue;
            }
            sb.append(line).append("\r\n");
        }
        sb.append("Connection: close\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            buf.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1 : (b == '\r' ? 1 : 0);
        }
        String s = buf.toString(StandardCharsets.ISO_8859_1);
        return s.substring(0, s.length() - 4);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // Trailers.
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no end of the response head");
    }
}
