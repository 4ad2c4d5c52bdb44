package dev.stagecraft.registry;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real registry for the integration tests: Debian's {@code docker-registry} (distribution 2.x)
 * on a free loopback port, storing into a temporary directory, optionally behind htpasswd Basic
 * auth. Tests are skipped (not failed) where the package is not installed.
 */
public final class TestRegistry implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/docker-registry");
    static final String USER = "stagecraft";
    static final String PASSWORD = "s3cret-pass";

    private final Path dir;
    private final Process process;
    private final String host;

    private TestRegistry(Path dir, Process process, String host) {
        this.dir = dir;
        this.process = process;
        this.host = host;
    }

    /** Starts a registry; with {@code basicAuth}, only {@link #USER}/{@link #PASSWORD} may use it. */
    public static TestRegistry start(boolean basicAuth) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(BINARY), "docker-registry is not installed");
        Path dir = Files.createTempDirectory("stagecraft-registry");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String auth = "";
        if (basicAuth) {
            Path htpasswd = dir.resolve("htpasswd");
            Process p = new ProcessBuilder("htpasswd", "-Bbn", USER, PASSWORD)
                    .redirectOutput(htpasswd.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            assumeTrue(p.waitFor() == 0, "htpasswd (apache2-utils) is not installed");
            auth = "auth:\n  htpasswd:\n    realm: stagecraft-test\n    path: " + htpasswd + "\n";
        }
        Path config = dir.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                %s""".formatted(dir.resolve("data"), port, auth));
        Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        TestRegistry registry = new TestRegistry(dir, process, "127.0.0.1:" + port);
        registry.awaitReady();
        return registry;
    }

    /** The registry's name in references: {@code 127.0.0.1:<port>}. */
    public String host() {
        return host;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + host + "/v2/")).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            try {
                int status = http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            // Waiting on the process, not a clock: an exit ends the wait at once.
            if (process.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("docker-registry exited: "
                        + Files.readString(dir.resolve("registry.log")));
            }
        }
        close();
        throw new IllegalStateException("docker-registry did not answer /v2/ within 30s");
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
