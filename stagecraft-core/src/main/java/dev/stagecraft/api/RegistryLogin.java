package dev.stagecraft.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagecraft.StagecraftException;
import dev.stagecraft.registry.Registries;
import dev.stagecraft.registry.RegistryException;
import dev.stagecraft.registry.RegistryOptions;
import dev.stagecraft.registry.auth.CredentialHelper;
import dev.stagecraft.registry.auth.Credentials;
import dev.stagecraft.registry.auth.DockerConfigCredentials;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code stagecraft login} and {@code logout}: credentials checked against a registry and kept in
 * docker's client config file ({@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}),
 * where {@code docker} and every stagecraft command find them. As {@code docker login} does, they go
 * to the registry's {@code credHelpers} helper or the {@code credsStore} helper when the file names
 * one (the {@code auths} entry is then left empty), else into {@code auths} as base64
 * {@code user:password}.
 */
public final class RegistryLogin {
    /** The registry a login without one goes to. */
    public static final String DEFAULT_REGISTRY = "docker.io";
    /** The key docker writes Docker Hub's credentials under. */
    static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
    private static final Set<String> DOCKER_HUB_ALIASES =
            Set.of("docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path configFile;
    private final List<Path> helperPath;
    private final RegistrySettings settings;

    /**
     * @param configFile the docker {@code config.json} to write
     * @param helperPath where credential helpers are looked for
     * @param settings   which registries are spoken to over plain HTTP
     */
    public RegistryLogin(Path configFile, List<Path> helperPath, RegistrySettings settings) {
        this.configFile = configFile;
        this.helperPath = List.copyOf(helperPath);
        this.settings = settings;
    }

    /** The config file and helper path docker would use, from {@code DOCKER_CONFIG}, {@code HOME} and {@code PATH}. */
    public static RegistryLogin fromEnvironment(Map<String, String> env, RegistrySettings settings) {
        DockerConfigCredentials docker = DockerConfigCredentials.fromEnvironment(env);
        List<Path> path = new ArrayList<>();
        for (String entry : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                path.add(Path.of(entry));
            }
        }
        return new RegistryLogin(docker.configFile(), path, settings);
    }

    /** The config file this writes. */
    public Path configFile() {
        return configFile;
    }

    /**
     * The name docker shows for a registry and keys its credentials by: Docker Hub's v1 URL, else
     * the host (and port) without scheme or path.
     */
    public static String serverAddress(String registry) {
        String host = host(registry);
        return host.equals(DEFAULT_REGISTRY) ? DOCKER_HUB_KEY : host;
    }

    /**
     * Checks the credentials against the registry (its {@code /v2/} endpoint, with Basic or token
     * authentication, as the registry asks) and stores them.
     *
     * @param registry a host, {@code host:port} or URL; null or empty for Docker Hub
     * @return the server address they were stored under
     * @throws StagecraftException {@code login failed for <registry>: ...} when the registry refuses
     *         them or cannot be reached; nothing is stored then
     */
    public String login(String registry, String username, String password) {
        String host = host(registry);
        if (username == null || username.isEmpty()) {
            throw new StagecraftException("login failed for " + host + ": a user name is required");
        }
        if (password == null || password.isEmpty()) {
            throw new StagecraftException("login failed for " + host + ": a password is required");
        }
        Credentials credentials = Credentials.basic(username, password);
        Registries registries = new Registries(RegistryOptions.defaults()
                .withInsecureRegistries(settings.insecureRegistries().toArray(String[]::new))
                .withCredentials(r -> Optional.of(credentials)));
        try {
            registries.client(host).ping();
        } catch (RegistryException e) {
            // The registry's own 401 text says to log in, which is what is failing.
            String reason = e.status() == 401 ? "unauthorized: incorrect username or password" : e.getMessage();
            throw new StagecraftException("login failed for " + host + ": " + reason, e);
        } catch (StagecraftException e) {
            throw new StagecraftException("login failed for " + host + ": " + e.getMessage(), e);
        }
        String server = serverAddress(host);
        try {
            Optional<String> helper = helperFor(host);
            if (helper.isPresent()) {
                new CredentialHelper(helper.get(), helperPath).store(server, credentials);
                markLoggedIn(server, host);
            } else {
                new DockerConfigCredentials(configFile, helperPath).store(host, credentials);
            }
        } catch (IOException e) {
            throw new StagecraftException("cannot write " + configFile + ": " + e.getMessage(), e);
        }
        return server;
    }

    /**
     * Forgets the credentials of a registry: its {@code auths} entry, and what its helper keeps.
     *
     * @return false when there were none (docker's "Not logged in")
     */
    public boolean logout(String registry) {
        String host = host(registry);
        try {
            boolean removed = new DockerConfigCredentials(configFile, helperPath).remove(host);
            if (removed) {
                Optional<String> helper = helperFor(host);
                if (helper.isPresent()) {
                    new CredentialHelper(helper.get(), helperPath).erase(serverAddress(host));
                }
            }
            return removed;
        } catch (IOException e) {
            throw new StagecraftException("cannot write " + configFile + ": " + e.getMessage(), e);
        }
    }

    /** The registry's host: scheme and path dropped, Docker Hub's aliases made {@code docker.io}. */
    static String host(String registry) {
        if (registry == null || registry.isBlank()) {
            return DEFAULT_REGISTRY;
        }
        String s = registry.trim();
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        s = s.toLowerCase(Locale.ROOT);
        return DOCKER_HUB_ALIASES.contains(s) ? DEFAULT_REGISTRY : s;
    }

    /** The helper that keeps this registry's credentials: its {@code credHelpers} entry, else {@code credsStore}. */
    private Optional<String> helperFor(String host) throws IOException {
        JsonNode config = readConfig();
        Iterator<Map.Entry<String, JsonNode>> perRegistry = config.path("credHelpers").fields();
        while (perRegistry.hasNext()) {
            Map.Entry<String, JsonNode> e = perRegistry.next();
            if (host(e.getKey()).equals(host) && !e.getValue().asText("").isEmpty()) {
                return Optional.of(e.getValue().asText());
            }
        }
        String store = config.path("credsStore").asText("");
        return store.isEmpty() ? Optional.empty() : Optional.of(store);
    }

    /** An empty {@code auths} entry: how docker records a login whose secret a helper keeps. */
    private void markLoggedIn(String server, String host) throws IOException {
        ObjectNode config = readConfig();
        ObjectNode auths = config.withObjectProperty("auths");
        List<String> stale = new ArrayList<>();
        auths.fieldNames().forEachRemaining(k -> {
            if (host(k).equals(host)) {
                stale.add(k);
            }
        });
        auths.remove(stale);
        auths.putObject(server);
        Path dir = configFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".config", ".json",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, JSON.writeValueAsBytes(config));
            Files.move(tmp, configFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private ObjectNode readConfig() throws IOException {
        if (!Files.exists(configFile)) {
            return JSON.createObjectNode();
        }
        JsonNode node = JSON.readTree(configFile.toFile());
        return node instanceof ObjectNode o ? o : JSON.createObjectNode();
    }
}
