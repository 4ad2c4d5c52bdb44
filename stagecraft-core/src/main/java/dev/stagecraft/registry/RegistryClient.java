package dev.stagecraft.registry;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.DigestMismatchException;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.registry.auth.Authenticator;
import dev.stagecraft.registry.auth.Challenge;
import dev.stagecraft.registry.auth.TokenCache;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A client of one registry (distribution API v2): manifests and blobs, pulled from the registry's
 * mirrors first when it has any, pushed to the registry itself. Safe for concurrent use.
 */
public final class RegistryClient {
    /** Every manifest media type stagecraft reads, best first. */
    public static final List<String> MANIFEST_TYPES = List.of(MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST,
            MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);

    private final String registry;
    private final List<Transport> mirrors;
    /** The registry's own endpoints in the order to try them; the first that answers is used. */
    private final List<Transport> candidates;
    private final long chunkSize;
    private volatile Transport primary;

    /** A client with its own token cache. */
    public RegistryClient(String registry, RegistryOptions options) {
        this(registry, options, new TokenCache());
    }

    /**
     * @param registry the registry as references name it: {@code docker.io}, {@code localhost:5000}
     * @param options  endpoints, TLS, credentials, retries
     * @param tokens   bearer tokens, shareable between clients
     */
    public RegistryClient(String registry, RegistryOptions options, TokenCache tokens) {
        this(registry, options, tokens, TlsContextFactory.of(options));
    }

    /**
     * @param tls makes the certificate-checking TLS context; asked once, and only when an HTTPS
     *            URL is to be reached (at once when the registry or a mirror is one)
     */
    RegistryClient(String registry, RegistryOptions options, TokenCache tokens, TlsContextFactory tls) {
        this.registry = registry;
        HttpClients clients = new HttpClients(options, tls);
        List<Transport> mirrorList = new ArrayList<>();
        for (URI base : RegistryEndpoints.mirrorBases(registry, options)) {
            // A mirror answers for its own host: its credentials and tokens are its own.
            mirrorList.add(transport(base.getAuthority(), base, clients::forUri, clients::blockingFor, options,
                    tokens));
        }
        List<Transport> own = new ArrayList<>();
        for (URI base : RegistryEndpoints.ownBases(registry, options.insecureRegistries())) {
            boolean insecureTls = HttpClients.isHttps(base)
                    && RegistryEndpoints.isInsecure(registry, options.insecureRegistries());
            java.util.function.Function<URI, HttpClient> http = insecureTls
                    // Its redirects and token service stay as unchecked as the registry itself.
                    ? uri -> HttpClients.isHttps(uri) ? clients.trustingAll() : clients.plain()
                    : clients::forUri;
            Function<URI, BlockingGet> blocking = insecureTls ? clients::blockingTrustingAll : clients::blockingFor;
            own.add(transport(registry, base, http, blocking, options, tokens));
        }
        this.mirrors = List.copyOf(mirrorList);
        this.candidates = List.copyOf(own);
        this.chunkSize = options.chunkSize();
        this.primary = candidates.size() == 1 ? candidates.get(0) : null;
        boolean checkedTls = mirrors.stream().anyMatch(t -> HttpClients.isHttps(t.base()))
                || candidates.stream().anyMatch(t -> HttpClients.isHttps(t.base())
                        && !RegistryEndpoints.isInsecure(registry, options.insecureRegistries()));
        if (checkedTls) {
            // Needed for the first request anyway; made now, a bad CA file is reported at once.
            clients.verified();
        }
    }

    private static Transport transport(String name, URI base, java.util.function.Function<URI, HttpClient> http,
            Function<URI, BlockingGet> blocking, RegistryOptions options, TokenCache tokens) {
        Authenticator auth = new Authenticator(name, base.getAuthority(), options.credentials(), tokens, http);
        return new Transport(name, base, http, blocking, auth, options.retryPolicy(), options.responseTimeout());
    }

    /**
     * The registry's own endpoint: for an insecure registry, HTTPS when it answers there (whatever
     * its certificate), else plain HTTP; decided once, on first use.
     */
    private Transport primary() {
        Transport chosen = primary;
        if (chosen == null) {
            synchronized (this) {
                if (primary == null) {
                    primary = candidates.stream().limit(candidates.size() - 1L).filter(Transport::answers)
                            .findFirst().orElse(candidates.get(candidates.size() - 1));
                }
                chosen = primary;
            }
        }
        return chosen;
    }

    /** The registry this client talks to. */
    public String registry() {
        return registry;
    }

    /** The base URL of the registry's API (not of a mirror). */
    public URI endpoint() {
        return primary().base();
    }

    /**
     * Checks that the registry answers {@code /v2/} and accepts this client, authenticating as its
     * challenge asks (a bearer token for no scope, or Basic credentials).
     *
     * @return the challenge the registry sent, empty when it needs no authentication
     * @throws RegistryException when it refuses (with the {@code stagecraft login} hint) or is unreachable
     */
    public Optional<Challenge> ping() {
        String what = registry;
        Transport t = primary();
        Transport.Request request = Transport.Request.get(t.resolve("/v2/"), List.of(), Map.of());
        return t.call(what, request, response -> {
            if (response.status() != 200) {
                throw t.error(what, response);
            }
            return t.authenticator().challenge();
        });
    }

    /** {@link #getManifest(String, String, List)} accepting all four manifest media types. */
    public FetchedManifest getManifest(String repository, String reference) {
        return getManifest(repository, reference, MANIFEST_TYPES);
    }

    /**
     * Fetches a manifest or index by tag or digest. Content fetched by digest is verified against it;
     * content fetched by tag against the registry's {@code Docker-Content-Digest}, when it sends one.
     *
     * @param repository the repository path, e.g. {@code library/busybox}
     * @param reference  a tag or a digest
     * @param accept     the media types to accept
     * @throws RegistryException {@code <ref>: not found}, authentication errors, a digest mismatch
     */
    public FetchedManifest getManifest(String repository, String reference, List<String> accept) {
        String what = display(repository, reference);
        return onPullEndpoints(t -> {
            Transport.Request request = Transport.Request.get(
                    t.resolve("/v2/" + repository + "/manifests/" + reference), pull(repository),
                    Map.of("Accept", String.join(", ", accept)));
            return t.call(what, request, response -> {
                if (response.status() != 200) {
                    throw t.error(what, response);
                }
                return ManifestReader.read(t.registry(), what, reference, response);
            });
        });
    }

    /**
     * The size of a blob the repository has, or empty when it has none.
     */
    public Optional<Long> headBlob(String repository, Digest digest) {
        String what = "blob " + digest + " in " + registry + "/" + repository;
        Transport t = primary();
        return t.call(what, head(t, repository, digest, pull(repository)), response -> {
            if (response.status() == 404) {
                return Optional.<Long>empty();
            }
            if (response.status() != 200) {
                throw t.error(what, response);
            }
            return Optional.of(response.header("Content-Length").map(Long::parseLong).orElse(-1L));
        });
    }

    /** {@link #getBlob(String, Digest, long, ContentStore, BlobProgress)} reporting nothing. */
    public void getBlob(String repository, Digest digest, long size, ContentStore store) {
        getBlob(repository, digest, size, store, BlobProgress.NONE);
    }

    /**
     * Streams a blob into {@code store}, which verifies it against {@code digest} and {@code size}
     * before it becomes visible. A download that breaks off, stalls, or brings content that does
     * not match is started again, as the retry policy allows; content that does not match is never
     * stored. A blob the store has already is not downloaded.
     *
     * @param size     the expected size, or -1 when unknown
     * @param progress told the bytes received so far
     * @throws RegistryException naming the registry, the repository and the digest when no attempt
     *                           brought the right content
     */
    public void getBlob(String repository, Digest digest, long size, ContentStore store, BlobProgress progress) {
        if (store.exists(digest)) {
            return;
        }
        String what = "blob " + digest + " of " + registry + "/" + repository;
        onPullEndpoints(t -> t.call(what, Transport.Request.get(
                t.resolve("/v2/" + repository + "/blobs/" + digest), pull(repository), Map.of()), response -> {
                    if (response.status() != 200) {
                        throw t.error(what, response);
                    }
                    try {
                        store.write(digest, size, new CountingInputStream(response.body(), progress));
                    } catch (DigestMismatchException e) {
                        // A proxy or a broken mirror may have garbled it on the way: worth asking again,
                        // but within the policy's attempts, since a registry with bad storage will not heal.
                        throw new RegistryException(what + " does not match its digest or size, so it was not"
                                + " stored (" + e.getMessage() + "); the registry sent wrong content for "
                                + repository + "@" + digest, t.registry(), 0, true, null, e);
                    }
                    return null;
                }));
    }

    /**
     * Uploads a manifest or index under a tag or its digest.
     *
     * @return the digest the registry stored it under
     */
    public Digest putManifest(String repository, String reference, String mediaType, byte[] content) {
        String what = "push of " + display(repository, reference);
        Transport t = primary();
        Transport.Request request = new Transport.Request("PUT",
                t.resolve("/v2/" + repository + "/manifests/" + reference), Map.of("Content-Type", mediaType),
                () -> HttpRequest.BodyPublishers.ofByteArray(content), push(repository));
        return t.call(what, request, response -> {
            if (response.status() / 100 != 2) {
                throw t.error(what, response);
            }
            return Digest.sha256(content);
        });
    }

    /**
     * Pushes one blob from {@code source}: nothing when the repository has it, a cross-repository
     * mount when one of {@code mountFrom} (repositories of this registry) has it, else an upload,
     * in chunks when it is bigger than the configured chunk size.
     */
    public BlobPushOutcome pushBlob(String repository, Descriptor blob, ContentStore source, List<String> mountFrom) {
        return pushBlob(repository, blob, source, mountFrom, BlobProgress.NONE);
    }

    /**
     * {@link #pushBlob(String, Descriptor, ContentStore, List)}, telling {@code progress} the bytes
     * sent and the repository a blob was mounted from.
     */
    public BlobPushOutcome pushBlob(String repository, Descriptor blob, ContentStore source, List<String> mountFrom,
            BlobProgress progress) {
        return new BlobUploads(primary(), chunkSize).push(repository, blob, source, mountFrom, progress);
    }

    static Transport.Request head(Transport t, String repository, Digest digest, List<String> scopes) {
        return new Transport.Request("HEAD", t.resolve("/v2/" + repository + "/blobs/" + digest), Map.of(),
                HttpRequest.BodyPublishers::noBody, scopes);
    }

    static List<String> pull(String repository) {
        return List.of("repository:" + repository + ":pull");
    }

    static List<String> push(String repository) {
        return List.of("repository:" + repository + ":pull,push");
    }

    private String display(String repository, String reference) {
        return registry + "/" + repository + (reference.contains(":") ? "@" : ":") + reference;
    }

    /** Runs a pull on each mirror in turn and on the registry last; a mirror's failure is not the user's. */
    private <T> T onPullEndpoints(Function<Transport, T> operation) {
        for (Transport t : mirrors) {
            try {
                return operation.apply(t);
            } catch (StagecraftException e) {
                // Fall through to the next mirror, and at last to the registry itself.
            }
        }
        return operation.apply(primary());
    }

    /** Reads a registry's answer to a manifest request. */
    private static final class ManifestReader {
        private static final int MAX_MANIFEST = 4 << 20;
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();

        /**
         * The media type a document declares, or the one its shape implies (OCI allows leaving
         * {@code mediaType} out). The image model parses it properly later; the transport only
         * needs to know what it fetched.
         */
        static java.util.Optional<String> sniffMediaType(byte[] bytes) {
            try {
                com.fasterxml.jackson.databind.JsonNode doc = JSON.readTree(bytes);
                if (doc == null || !doc.isObject()) {
                    return java.util.Optional.empty();
                }
                String declared = doc.path("mediaType").asText("");
                if (MediaTypes.isManifest(declared) || MediaTypes.isIndex(declared)) {
                    return java.util.Optional.of(declared);
                }
                if (doc.path("manifests").isArray()) {
                    return java.util.Optional.of(MediaTypes.OCI_INDEX);
                }
                if (doc.path("config").isObject() && doc.path("layers").isArray()) {
                    return java.util.Optional.of(MediaTypes.OCI_MANIFEST);
                }
                return java.util.Optional.empty();
            } catch (IOException e) {
                return java.util.Optional.empty();
            }
        }

        static FetchedManifest read(String registry, String what, String reference, Answer r)
                throws IOException {
            byte[] bytes = r.body().readNBytes(MAX_MANIFEST + 1);
            if (bytes.length > MAX_MANIFEST) {
                throw new RegistryException(what + ": the manifest is larger than 4 MiB", registry);
            }
            String mediaType = r.header("Content-Type").map(ManifestReader::stripParams).orElse("");
            if (!MediaTypes.isManifest(mediaType) && !MediaTypes.isIndex(mediaType)) {
                // A vague Content-Type (application/json): the document says what it is.
                mediaType = sniffMediaType(bytes)
                        .orElseThrow(() -> new RegistryException(what + ": not an image manifest or index", registry));
            }
            Digest actual = Digest.sha256(bytes);
            if (reference.contains(":")) {
                // A digest reference pins the content: it is verified with the reference's own algorithm.
                Digest expected = Digest.parse(reference);
                Digest got = new Digest(expected.algorithm(),
                        java.util.HexFormat.of().formatHex(expected.newMessageDigest().digest(bytes)));
                if (!got.equals(expected)) {
                    throw new RegistryException(what + ": the registry sent content with digest " + got, registry);
                }
                return new FetchedManifest(bytes, mediaType, expected);
            } else {
                Optional<String> stated = r.header("Docker-Content-Digest");
                if (stated.isPresent() && stated.get().startsWith("sha256:") && !stated.get().equals(actual.toString())) {
                    throw new RegistryException(what + ": the registry said " + stated.get() + " but sent content"
                            + " with digest " + actual, registry);
                }
            }
            return new FetchedManifest(bytes, mediaType, actual);
        }

        private static String stripParams(String contentType) {
            int semicolon = contentType.indexOf(';');
            return (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).trim();
        }
    }
}
