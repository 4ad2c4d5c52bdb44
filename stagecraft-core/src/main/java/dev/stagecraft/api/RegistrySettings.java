package dev.stagecraft.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How {@link Images} talks to registries.
 *
 * @param insecureRegistries hosts ({@code host} or {@code host:port}) as {@code --insecure-registry}
 *                           names them: tried over HTTPS without certificate checks, then over plain
 *                           HTTP; loopback hosts always speak plain HTTP
 */
public record RegistrySettings(Set<String> insecureRegistries) {
    public RegistrySettings {
        insecureRegistries = Set.copyOf(insecureRegistries);
    }

    /** Secure registries only. */
    public static RegistrySettings defaults() {
        return new RegistrySettings(Set.of());
    }

    /** These settings with more insecure hosts (HTTPS without certificate checks, else plain HTTP). */
    public RegistrySettings withInsecureRegistries(List<String> hosts) {
        Set<String> all = new LinkedHashSet<>(insecureRegistries);
        all.addAll(hosts);
        return new RegistrySettings(all);
    }
}
