/**
 * The distribution (registry API v2) client: {@link dev.stagecraft.registry.RegistryClient} for
 * manifests and blobs of one registry; whole images move between a registry and a
 * {@link dev.stagecraft.content.ContentStore} through {@code image.transfer}'s Puller and Pusher.
 * Endpoint rules (Docker Hub, plain HTTP for loopback and insecure registries, mirrors) are in
 * {@link dev.stagecraft.registry.RegistryEndpoints}; authentication in {@code registry.auth}.
 *
 * <p>Two JDK HTTP clients carry the requests: GET and HEAD go over blocking
 * {@code HttpURLConnection}s, which read a blob body at half the CPU cost and start far quicker;
 * requests with bodies (uploads, including {@code PATCH}, which {@code HttpURLConnection} cannot
 * send) go through {@code java.net.http}.
 */
package dev.stagecraft.registry;
