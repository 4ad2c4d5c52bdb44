package dev.stagecraft.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A docker credential helper, {@code docker-credential-<name>}, spoken to through its protocol:
 * {@code get} reads a server URL on stdin and prints {@code {"ServerURL","Username","Secret"}};
 * {@code store} reads that document on stdin; {@code erase} reads a server URL. A user name of
 * {@code <token>} marks the secret as an identity token. {@code store} and {@code erase} are what
 * {@code docker login} and {@code logout} use when the config file names a {@code credsStore}.
 */
public final class CredentialHelper {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;
    private static final String TOKEN_USER = "<token>";

    private final String name;
    private final List<Path> searchPath;

    /**
     * @param name       the helper's suffix: {@code pass}, {@code secretservice}, {@code ecr-login}
     * @param searchPath the directories to look for {@code docker-credential-<name>} in ($PATH)
     */
    public CredentialHelper(String name, List<Path> searchPath) {
        this.name = name;
        this.searchPath = List.copyOf(searchPath);
    }

    /** The helper's executable name. */
    public String program() {
        return "docker-credential-" + name;
    }

    /**
     * Asks the helper for the credentials of {@code serverUrl}.
     *
     * @return empty when the helper has none for that server
     * @throws AuthenticationException when the helper is missing or fails otherwise
     */
    public Optional<Credentials> get(String serverUrl) {
        try {
            String out = run("get", serverUrl.getBytes(StandardCharsets.UTF_8), " for " + serverUrl);
            return out == null ? Optional.empty() : parse(out);
        } catch (IOException e) {
            throw new AuthenticationException("cannot run " + program() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Hands the helper the credentials of {@code serverUrl} to keep.
     *
     * @throws AuthenticationException when the helper is missing or fails
     */
    public void store(String serverUrl, Credentials credentials) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("ServerURL", serverUrl);
        doc.put("Username", credentials.isIdentityToken() ? TOKEN_USER : credentials.username());
        doc.put("Secret", credentials.isIdentityToken() ? credentials.identityToken() : credentials.password());
        try {
            run("store", JSON.writeValueAsBytes(doc), "");
        } catch (IOException e) {
            throw new AuthenticationException("cannot run " + program() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Asks the helper to forget {@code serverUrl}.
     *
     * @return false when the helper had nothing for it
     * @throws AuthenticationException when the helper is missing or fails otherwise
     */
    public boolean erase(String serverUrl) {
        try {
            return run("erase", serverUrl.getBytes(StandardCharsets.UTF_8), "") != null;
        } catch (IOException e) {
            throw new AuthenticationException("cannot run " + program() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code command} with {@code input} on stdin.
     *
     * @param about added to the failure message after "{@code <program> <command> failed}"
     * @return its trimmed stdout on success; null when it said "credentials not found"
     */
    private String run(String command, byte[] input, String about) throws IOException {
        Path exe = searchPath.stream().map(dir -> dir.resolve(program()))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AuthenticationException(
                        "credential helper " + program() + " not found on PATH; install it or remove it from"
                                + " the docker config file"));
        Process process = new ProcessBuilder(exe.toString(), command).start();
        CompletableFuture<byte[]> stdout = readAsync(process.getInputStream());
        CompletableFuture<byte[]> stderr = readAsync(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            in.write(input);
        } catch (IOException e) {
            // The helper closed its stdin without reading it all (it needed none, or it failed
            // early): what it did is told by its exit status and output, read below.
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
        String out = new String(stdout.join(), StandardCharsets.UTF_8).trim();
        if (process.exitValue() == 0) {
            return out;
        }
        String err = (out + " " + new String(stderr.join(), StandardCharsets.UTF_8)).trim();
        // The protocol's only defined error: the helper has nothing for this server.
        if (err.contains("credentials not found")) {
            return null;
        }
        throw new AuthenticationException(program() + " " + command + " failed" + about + ": " + err);
    }

    private Optional<Credentials> parse(String out) throws IOException {
        JsonNode node = JSON.readTree(out);
        String user = node.path("Username").asText("");
        String secret = node.path("Secret").asText("");
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(user.equals(TOKEN_USER) ? Credentials.identityToken(secret) : Credentials.basic(user, secret));
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
