package dev.stagecraft.registry;

import dev.stagecraft.registry.auth.CredentialProvider;
import dev.stagecraft.registry.auth.DockerConfigCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How stagecraft talks to registries.
 *
 * @param insecureRegistries hosts ({@code host} or {@code host:port}) tried over HTTPS without certificate
 *                           checks, then over plain HTTP
 *                           ({@code --insecure-registry}); loopback hosts always are
 * @param extraCaFile        a PEM file of CA certificates trusted besides the system's
 * @param mirrors            per registry ({@code docker.io}), mirror base URLs tried before it when pulling
 * @param retryPolicy        how failed requests are retried
 * @param credentials        where credentials come from
 * @param chunkSize          blobs larger than this are pushed in {@code PATCH} chunks of this size
 *                           (by default none is: {@link #DEFAULT_CHUNK_SIZE})
 * @param connectTimeout     how long a connection may take to open
 * @param responseTimeout    how long a registry may stay silent: before the head of a response, and
 *                           between pieces of its body
 */
public record RegistryOptions(
        Set<String> insecureRegistries,
        Optional<Path> extraCaFile,
        Map<String, List<URI>> mirrors,
        RetryPolicy retryPolicy,
        CredentialProvider credentials,
        long chunkSize,
        Duration connectTimeout,
        Duration responseTimeout) {

    /**
     * No chunking: every blob is streamed from the store in one request, as docker and skopeo
     * send them. Chunks held in memory cost a copy of every layer and, over a fast link, more
     * time than the upload itself; set a chunk size only for a registry or proxy that limits the
     * size of a request.
     */
    public static final long DEFAULT_CHUNK_SIZE = Long.MAX_VALUE;

    public RegistryOptions {
        insecureRegistries = Set.copyOf(insecureRegistries);
        mirrors = Map.copyOf(mirrors);
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive: " + chunkSize);
        }
    }

    /** Secure registries only, docker's config file for credentials, default retries. */
    public static RegistryOptions defaults() {
        return new RegistryOptions(Set.of(), Optional.empty(), Map.of(), RetryPolicy.DEFAULT,
                DockerConfigCredentials.fromEnvironment(), DEFAULT_CHUNK_SIZE, Duration.ofSeconds(30),
                Duration.ofMinutes(2));
    }

    /** These options with more hosts spoken to over plain HTTP. */
    public RegistryOptions withInsecureRegistries(String... hosts) {
        Set<String> all = new LinkedHashSet<>(insecureRegistries);
        all.addAll(List.of(hosts));
        return new RegistryOptions(all, extraCaFile, mirrors, retryPolicy, credentials, chunkSize,
                connectTimeout, responseTimeout);
    }

    /** These options trusting the CA certificates of a PEM file too. */
    public RegistryOptions withExtraCaFile(Path pemFile) {
        return new RegistryOptions(insecureRegistries, Optional.of(pemFile), mirrors, retryPolicy, credentials,
                chunkSize, connectTimeout, responseTimeout);
    }

    /** These options with mirrors for a registry ({@code docker.io}), tried in order before it. */
    public RegistryOptions withMirrors(String registry, List<URI> mirrorUrls) {
        Map<String, List<URI>> all = new HashMap<>(mirrors);
        all.put(registry, List.copyOf(mirrorUrls));
        return new RegistryOptions(insecureRegistries, extraCaFile, all, retryPolicy, credentials, chunkSize,
                connectTimeout, responseTimeout);
    }

    /** These options with another retry policy. */
    public RegistryOptions withRetryPolicy(RetryPolicy policy) {
        return new RegistryOptions(insecureRegistries, extraCaFile, mirrors, policy, credentials, chunkSize,
                connectTimeout, responseTimeout);
    }

    /** These options with another credential source. */
    public RegistryOptions withCredentials(CredentialProvider provider) {
        return new RegistryOptions(insecureRegistries, extraCaFile, mirrors, retryPolicy, provider, chunkSize,
                connectTimeout, responseTimeout);
    }

    /** These options with another chunk size for big blobs. */
    public RegistryOptions withChunkSize(long bytes) {
        return new RegistryOptions(insecureRegistries, extraCaFile, mirrors, retryPolicy, credentials, bytes,
                connectTimeout, responseTimeout);
    }

    /** These options with other timeouts. */
    public RegistryOptions withTimeouts(Duration connect, Duration response) {
        return new RegistryOptions(insecureRegistries, extraCaFile, mirrors, retryPolicy, credentials, chunkSize,
                connect, response);
    }
}
