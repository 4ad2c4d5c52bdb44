package dev.stagecraft.registry.auth;

import java.util.Locale;
import java.util.Set;

/** How docker spells registry names in its config file and for its credential helpers. */
public final class RegistryNames {
    /** The key {@code docker login} uses for Docker Hub, kept for compatibility with old clients. */
    public static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";
    private static final Set<String> DOCKER_HUB_ALIASES =
            Set.of("docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com");

    private RegistryNames() {}

    /**
     * The host (with port) a config key or reference domain names: {@code https://index.docker.io/v1/}
     * and {@code registry-1.docker.io} become {@code docker.io}; {@code http://host:5000/v2/} becomes
     * {@code host:5000}.
     */
    public static String normalize(String key) {
        String s = key.trim();
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        s = s.toLowerCase(Locale.ROOT);
        return DOCKER_HUB_ALIASES.contains(s) ? "docker.io" : s;
    }

    /** The server URL docker hands its credential helpers for a registry. */
    public static String serverUrl(String registry) {
        String host = normalize(registry);
        return host.equals("docker.io") ? DOCKER_HUB_SERVER : host;
    }
}
