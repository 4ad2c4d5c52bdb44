package dev.stagecraft.registry;

import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The push of one blob: existence check, cross-repository mount, then a monolithic
 * ({@code POST} + {@code PUT ?digest=}) or chunked ({@code PATCH} with {@code Content-Range})
 * upload. A failed upload starts over from a new session: a half-applied {@code PATCH} cannot be
 * told from a lost one without asking, and a new session is always consistent.
 */
final class BlobUploads {
    private static final String OCTET_STREAM = "application/octet-stream";

    private final Transport t;
    private final long chunkSize;

    BlobUploads(Transport transport, long chunkSize) {
        this.t = transport;
        this.chunkSize = chunkSize;
    }

    BlobPushOutcome push(String repository, Descriptor blob, ContentStore source, List<String> mountFrom,
            BlobProgress progress) {
        Digest digest = blob.parsedDigest();
        String what = "push of blob " + digest + " to " + t.registry() + "/" + repository;
        boolean exists = t.call(what, RegistryClient.head(t, repository, digest, RegistryClient.push(repository)),
                r -> r.status() == 200);
        if (exists) {
            return BlobPushOutcome.EXISTED;
        }
        for (String from : mountFrom) {
            if (from.equals(repository)) {
                continue;
            }
            Mount mount = mount(what, repository, digest, from);
            if (mount.mounted()) {
                progress.mountedFrom(from);
                return BlobPushOutcome.MOUNTED;
            }
            if (mount.session() != null) {
                // The registry opened an upload session instead (it does not have the blob there).
                // The upload opens its own, so that a retry never reuses a session of unknown state.
                cancel(mount.session());
                break;
            }
        }
        // Every attempt opens its own session, so a timed-out one is safe to start over.
        return t.withRetries(what, true, () -> upload(what, repository, blob, source, progress));
    }

    /** What a mount request gave: the blob, an upload session instead, or a refusal (neither). */
    private record Mount(boolean mounted, URI session) {}

    private Mount mount(String what, String repository, Digest digest, String from) {
        URI uri = t.resolve("/v2/" + repository + "/blobs/uploads/?mount=" + encode(digest.toString())
                + "&from=" + encode(from));
        List<String> scopes = new ArrayList<>(RegistryClient.push(repository));
        scopes.add("repository:" + from + ":pull");
        Transport.Request post = new Transport.Request("POST", uri, Map.of(),
                HttpRequest.BodyPublishers::noBody, scopes);
        return t.call(what, post, r -> switch (r.status()) {
            case 201 -> new Mount(true, null);
            case 202 -> new Mount(false, location(uri, r));
            // Refused (no pull right on the source, say): another source or an upload will do.
            default -> new Mount(false, null);
        });
    }

    private BlobPushOutcome upload(String what, String repository, Descriptor blob, ContentStore source,
            BlobProgress progress) throws IOException {
        URI start = t.resolve("/v2/" + repository + "/blobs/uploads/");
        List<String> scopes = RegistryClient.push(repository);
        URI location = expect(what, send("POST", start, Map.of(), HttpRequest.BodyPublishers.noBody(), scopes), 202);
        Digest digest = blob.parsedDigest();
        long size = blob.size();
        boolean chunked = size > chunkSize;
        if (chunked) {
            for (long offset = 0; offset < size; offset += chunkSize) {
                int n = (int) Math.min(chunkSize, size - offset);
                byte[] chunk = readRange(source, digest, offset, n);
                location = expect(what, send("PATCH", location, Map.of("Content-Type", OCTET_STREAM,
                        "Content-Range", offset + "-" + (offset + n - 1)),
                        HttpRequest.BodyPublishers.ofByteArray(chunk), scopes), 202);
                progress.transferred(offset + n);
            }
        }
        BodyPublisher body = chunked ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new CountingInputStream(open(source, digest), progress)), size);
        URI put = URI.create(location + (location.getRawQuery() == null ? "?" : "&") + "digest="
                + encode(digest.toString()));
        expect(what, send("PUT", put, Map.of("Content-Type", OCTET_STREAM), body, scopes), 201);
        return chunked ? BlobPushOutcome.UPLOADED_IN_CHUNKS : BlobPushOutcome.UPLOADED;
    }

    private Answer send(String method, URI uri, Map<String, String> headers, BodyPublisher body,
            List<String> scopes) throws IOException {
        return t.exchange(new Transport.Request(method, uri, headers, () -> body, scopes));
    }

    /** The next location of the session, or the exception for an unexpected answer. */
    private URI expect(String what, Answer response, int status) throws IOException {
        try (response) {
            if (response.status() != status) {
                throw t.error(what, response);
            }
            return location(response.uri(), response);
        }
    }

    private static URI location(URI request, Answer r) {
        return r.header("Location").map(request::resolve).orElse(request);
    }

    /** Ends an upload session that will not be used, so it does not linger in the registry. */
    private void cancel(URI session) {
        try {
            t.exchange(new Transport.Request("DELETE", session, Map.of(), HttpRequest.BodyPublishers::noBody,
                    List.of())).close();
        } catch (IOException | RuntimeException e) {
            // Best effort: the registry expires abandoned sessions on its own.
        }
    }

    private static byte[] readRange(ContentStore source, Digest digest, long offset, int n) throws IOException {
        try (InputStream in = source.open(digest)) {
            in.skipNBytes(offset);
            byte[] chunk = in.readNBytes(n);
            if (chunk.length != n) {
                throw new IOException("blob " + digest + " in the content store is shorter than its descriptor says");
            }
            return chunk;
        }
    }

    private static InputStream open(ContentStore source, Digest digest) {
        try {
            return source.open(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
