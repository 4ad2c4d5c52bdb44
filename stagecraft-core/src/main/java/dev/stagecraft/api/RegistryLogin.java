package dev.stagecraft.api;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.registry.Registries;
import dev.stagecraft.registry.RegistryException;
import dev.stagecraft.registry.RegistryOptions;
import dev.stagecraft.registry.auth.CredentialHelper;
import dev.stagecraft.registry.auth.Credentials;
import dev.stagecraft.registry.auth.DockerConfigCredentials;
import dev.stagecraft.registry.auth.RegistryNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        return new RegistryLogin(docker.configFile(), docker.searchPath(), settings);
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
        return RegistryNames.serverUrl(host(registry));
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
        DockerConfigCredentials config = new DockerConfigCredentials(configFile, helperPath);
        try {
            Optional<String> helper = config.helperFor(host);
            if (helper.isPresent()) {
                new CredentialHelper(helper.get(), helperPath).store(server, credentials);
                config.markKeptByHelper(host);
            } else {
                config.store(host, credentials);
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
            DockerConfigCredentials config = new DockerConfigCredentials(configFile, helperPath);
            boolean removed = config.remove(host);
            if (removed) {
                Optional<String> helper = config.helperFor(host);
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
        return registry == null || registry.isBlank() ? DEFAULT_REGISTRY : RegistryNames.normalize(registry);
    }
}
