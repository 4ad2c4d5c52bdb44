package dev.stagecraft.registry;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which URL a registry named in a reference is reached at: Docker Hub's {@code docker.io} is served
 * by {@code registry-1.docker.io}; loopback registries speak plain HTTP; those named with
 * {@code --insecure-registry} are tried over HTTPS without certificate checks first and over plain
 * HTTP after (docker's rule); every other one speaks HTTPS; configured mirrors come first for pulls.
 */
public final class RegistryEndpoints {
    /** The API host behind {@code docker.io}. */
    public static final String DOCKER_HUB_API = "registry-1.docker.io";
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    private RegistryEndpoints() {}

    /** The host (with port) the API is served from. */
    public static String apiHost(String registry) {
        String r = registry.toLowerCase(Locale.ROOT);
        return r.equals("docker.io") || r.equals("index.docker.io") ? DOCKER_HUB_API : registry;
    }

    /** True for {@code localhost}, {@code 127.0.0.0/8} and {@code ::1}, with or without a port. */
    public static boolean isLoopback(String registry) {
        String host = hostWithoutPort(registry).toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.endsWith(".localhost") || host.equals("::1")
                || IPV4_LOOPBACK.matcher(host).matches();
    }

    /** True for a loopback registry or one {@code insecureRegistries} names (with its port, or without for every port). */
    public static boolean isInsecure(String registry, Set<String> insecureRegistries) {
        if (isLoopback(registry)) {
            return true;
        }
        String lower = registry.toLowerCase(Locale.ROOT);
        String host = hostWithoutPort(lower);
        for (String entry : insecureRegistries) {
            String e = entry.toLowerCase(Locale.ROOT);
            // An entry without a port covers every port of its host.
            if (e.equals(lower) || e.equals(host) && !hasPort(e)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The base URLs of a registry's own API, in the order to try them: plain HTTP for loopback,
     * HTTPS then plain HTTP for an insecure registry, HTTPS for every other one.
     */
    public static List<URI> ownBases(String registry, Set<String> insecureRegistries) {
        URI https = URI.create("https://" + apiHost(registry));
        URI http = URI.create("http://" + apiHost(registry));
        if (isLoopback(registry)) {
            return List.of(http);
        }
        return isInsecure(registry, insecureRegistries) ? List.of(https, http) : List.of(https);
    }

    /** The base URL of a registry's own API tried first, e.g. {@code https://registry-1.docker.io}. */
    public static URI baseUri(String registry, Set<String> insecureRegistries) {
        return ownBases(registry, insecureRegistries).get(0);
    }

    /** The mirrors' base URLs, without a trailing slash, in the order they are tried. */
    public static List<URI> mirrorBases(String registry, RegistryOptions options) {
        List<URI> out = new ArrayList<>();
        for (URI mirror : options.mirrors().getOrDefault(registry, List.of())) {
            String s = mirror.toString();
            out.add(URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s));
        }
        return out;
    }

    /** The base URLs to pull from, in order: the registry's mirrors, then the registry itself. */
    public static List<URI> pullBases(String registry, RegistryOptions options) {
        List<URI> out = new ArrayList<>(mirrorBases(registry, options));
        out.addAll(ownBases(registry, options.insecureRegistries()));
        return out;
    }

    /** {@code host} of {@code host:port}, {@code ::1} of {@code [::1]:5000}. */
    static String hostWithoutPort(String registry) {
        if (registry.startsWith("[")) {
            int close = registry.indexOf(']');
            return close > 0 ? registry.substring(1, close) : registry;
        }
        int colon = registry.indexOf(':');
        // More than one colon without brackets is a bare IPv6 address, not host:port.
        if (colon >= 0 && registry.indexOf(':', colon + 1) < 0) {
            return registry.substring(0, colon);
        }
        return registry;
    }

    private static boolean hasPort(String registry) {
        return registry.startsWith("[") ? registry.contains("]:") : !hostWithoutPort(registry).equals(registry);
    }
}
