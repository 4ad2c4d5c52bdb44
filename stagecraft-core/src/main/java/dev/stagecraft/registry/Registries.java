package dev.stagecraft.registry;

import dev.stagecraft.registry.auth.TokenCache;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link RegistryClient} per registry host, sharing options and bearer tokens. Safe for concurrent use. */
public final class Registries {
    private final RegistryOptions options;
    private final TokenCache tokens = new TokenCache();
    private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

    public Registries(RegistryOptions options) {
        this.options = options;
    }

    /** The options every client gets. */
    public RegistryOptions options() {
        return options;
    }

    /** The client of a registry as references name it ({@code docker.io}, {@code localhost:5000}). */
    public RegistryClient client(String registry) {
        return clients.computeIfAbsent(registry, r -> new RegistryClient(r, options, tokens));
    }
}
