package dev.stagecraft.registry.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The writing half of the docker credential helper protocol: {@code store} reads
 * {@code {"ServerURL","Username","Secret"}} on stdin, {@code erase} reads a server URL. It is what
 * {@code docker login} and {@code logout} use when the config file names a {@code credsStore}.
 */
public final class CredentialHelperStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

    private final String name;
    private final List<Path> searchPath;

    /**
     * @param name       the helper's suffix ({@code pass}, {@code secretservice}, ...)
     * @param searchPath the directories to look for {@code docker-credential-<name>} in ($PATH)
     */
    public CredentialHelperStore(String name, List<Path> searchPath) {
        this.name = name;
        this.searchPath = List.copyOf(searchPath);
    }

    /** The helper's executable name. */
    public String program() {
        return "docker-credential-" + name;
    }

    /** Hands the helper the credentials of {@code serverUrl} to keep. */
    public void store(String serverUrl, Credentials credentials) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("ServerURL", serverUrl);
        doc.put("Username", credentials.isIdentityToken() ? "<token>" : credentials.username());
        doc.put("Secret", credentials.isIdentityToken() ? credentials.identityToken() : credentials.password());
        try {
            run("store", JSON.writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new AuthenticationException("cannot run " + program() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Asks the helper to forget {@code serverUrl}.
     *
     * @return false when the helper had nothing for it
     */
    public boolean erase(String serverUrl) {
        try {
            String err = run("erase", serverUrl.getBytes(StandardCharsets.UTF_8));
            return err == null;
        } catch (IOException e) {
            throw new AuthenticationException("cannot run " + program() + ": " + e.getMessage(), e);
        }
    }

    /** Runs the helper; returns null on success, the "credentials not found" text when it had none. */
    private String run(String command, byte[] input) throws IOException {
        Path exe = searchPath.stream().map(dir -> dir.resolve(program())).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AuthenticationException("credential helper " + program()
                        + " not found on PATH; install it or remove credsStore from the docker config file"));
        Process process = new ProcessBuilder(exe.toString(), command).start();
        CompletableFuture<byte[]> stdout = readAsync(process.getInputStream());
        CompletableFuture<byte[]> stderr = readAsync(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            in.write(input);
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AuthenticationException(program() + " " + command + " did not finish within "
                        + TIMEOUT_SECONDS + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationException("interrupted while running " + program(), e);
        }
        if (process.exitValue() == 0) {
            return null;
        }
        String err = (new String(stdout.join(), StandardCharsets.UTF_8) + " "
                + new String(stderr.join(), StandardCharsets.UTF_8)).trim();
        if (err.contains("credentials not found")) {
            return err;
        }
        throw new AuthenticationException(program() + " " + command + " failed: " + err);
    }

    private static CompletableFuture<byte[]> readAsync(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }
}
