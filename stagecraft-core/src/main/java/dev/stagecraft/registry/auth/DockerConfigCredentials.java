package dev.stagecraft.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from docker's client config file, {@code $DOCKER_CONFIG/config.json} or
 * {@code ~/.docker/config.json}, as {@code docker login} and {@code stagecraft login} write it.
 *
 * <p>Looked up in docker's order: a per-registry helper of {@code credHelpers}, else the
 * {@code credsStore} helper, else the base64 {@code auth} (or {@code identitytoken}) of the
 * {@code auths} entry. A missing file means anonymous access, not an error.
 */
public final class DockerConfigCredentials implements CredentialProvider {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path configFile;
    private final List<Path> searchPath;

    /**
     * @param configFile the {@code config.json} to read
     * @param searchPath where credential helpers are looked for
     */
    public DockerConfigCredentials(Path configFile, List<Path> searchPath) {
        this.configFile = configFile;
        this.searchPath = List.copyOf(searchPath);
    }

    /** The config file docker itself would use, with helpers looked up on {@code $PATH}. */
    public static DockerConfigCredentials fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** As {@link #fromEnvironment()}, reading {@code DOCKER_CONFIG}, {@code HOME} and {@code PATH} from {@code env}. */
    public static DockerConfigCredentials fromEnvironment(Map<String, String> env) {
        String dockerConfig = env.get("DOCKER_CONFIG");
        Path dir = dockerConfig != null && !dockerConfig.isEmpty()
                ? Path.of(dockerConfig)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker");
        List<Path> path = new ArrayList<>();
        for (String entry : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                path.add(Path.of(entry));
            }
        }
        return new DockerConfigCredentials(dir.resolve("config.json"), path);
    }

    /** The config file this reads. */
    public Path configFile() {
        return configFile;
    }

    /** Where credential helpers are looked for. */
    public List<Path> searchPath() {
        return searchPath;
    }

    @Override
    public Optional<Credentials> credentials(String registry) {
        JsonNode config = read();
        String host = RegistryNames.normalize(registry);
        Optional<String> helper = helperFor(config, host);
        if (helper.isPresent()) {
            Optional<Credentials> found = new CredentialHelper(helper.get(), searchPath).get(RegistryNames.serverUrl(host));
            if (found.isPresent()) {
                return found;
            }
        }
        return findByHost(config.path("auths"), host).flatMap(entry -> fromAuthEntry(entry, host));
    }

    /**
     * The credential helper that keeps {@code registry}'s secret, as docker picks it: the
     * registry's {@code credHelpers} entry if it has one, else {@code credsStore}; empty when
     * that names none and the secret belongs in {@code auths}.
     */
    public Optional<String> helperFor(String registry) {
        return helperFor(read(), RegistryNames.normalize(registry));
    }

    private static Optional<String> helperFor(JsonNode config, String host) {
        Optional<String> helper = findByHost(config.path("credHelpers"), host).map(JsonNode::asText);
        if (helper.isEmpty() && config.hasNonNull("credsStore")) {
            helper = Optional.of(config.get("credsStore").asText());
        }
        return helper.filter(h -> !h.isEmpty());
    }

    /**
     * Saves credentials under {@code auths} (what {@code stagecraft login} does), keeping every other
     * setting of the file. The file is written with mode 0600 and replaced atomically, so a reader
     * never sees half of it.
     */
    public void store(String registry, Credentials credentials) throws IOException {
        ObjectNode config = (ObjectNode) read();
        ObjectNode entry = replaceAuthsEntry(config, registry);
        if (credentials.isIdentityToken()) {
            entry.put("identitytoken", credentials.identityToken());
        } else {
            String pair = credentials.username() + ":" + credentials.password();
            entry.put("auth", Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        write(config);
    }

    /**
     * Records a login whose secret a credential helper keeps: an empty {@code auths} entry, as
     * docker writes it, replacing what the file held for that registry. Written as {@link #store}
     * writes.
     */
    public void markKeptByHelper(String registry) throws IOException {
        ObjectNode config = (ObjectNode) read();
        replaceAuthsEntry(config, registry);
        write(config);
    }

    /** Drops every {@code auths} key naming {@code registry} and adds an empty entry under docker's key for it. */
    private static ObjectNode replaceAuthsEntry(ObjectNode config, String registry) {
        ObjectNode auths = config.withObjectProperty("auths");
        String host = RegistryNames.normalize(registry);
        removeByHost(auths, host);
        return auths.putObject(RegistryNames.serverUrl(host));
    }

    /** Forgets the {@code auths} entry of a registry ({@code stagecraft logout}); true when there was one. */
    public boolean remove(String registry) throws IOException {
        ObjectNode config = (ObjectNode) read();
        if (!(config.get("auths") instanceof ObjectNode auths) || !removeByHost(auths, RegistryNames.normalize(registry))) {
            return false;
        }
        write(config);
        return true;
    }

    private JsonNode read() {
        if (!Files.exists(configFile)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(configFile.toFile());
            if (node == null || !node.isObject()) {
                return JSON.createObjectNode();
            }
            return node;
        } catch (IOException e) {
            throw new AuthenticationException("cannot read docker config " + configFile + ": " + e.getMessage(), e);
        }
    }

    private void write(ObjectNode config) throws IOException {
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

    /** The entry whose key names {@code host}, however docker spelled the key. */
    private static Optional<JsonNode> findByHost(JsonNode object, String host) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (RegistryNames.normalize(field.getKey()).equals(host)) {
                return Optional.of(field.getValue());
            }
        }
        return Optional.empty();
    }

    private static boolean removeByHost(ObjectNode object, String host) {
        boolean removed = false;
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            if (RegistryNames.normalize(fields.next().getKey()).equals(host)) {
                fields.remove();
                removed = true;
            }
        }
        return removed;
    }

    private Optional<Credentials> fromAuthEntry(JsonNode entry, String host) {
        String identityToken = entry.path("identitytoken").asText("");
        if (!identityToken.isEmpty()) {
            return Optional.of(Credentials.identityToken(identityToken));
        }
        String auth = entry.path("auth").asText("");
        if (auth.isEmpty()) {
            String user = entry.path("username").asText("");
            return user.isEmpty() ? Optional.empty()
                    : Optional.of(Credentials.basic(user, entry.path("password").asText("")));
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("the auth of " + host + " in " + configFile + " is not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new AuthenticationException("the auth of " + host + " in " + configFile + " is not user:password");
        }
        return Optional.of(Credentials.basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
