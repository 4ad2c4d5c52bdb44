/**
 * The distribution (registry API v2) client: {@link dev.stagecraft.registry.RegistryClient} for
 * manifests and blobs of one registry, {@link dev.stagecraft.registry.Puller} and
 * {@link dev.stagecraft.registry.Pusher} for whole images between a registry and a
 * {@link dev.stagecraft.content.ContentStore}. Endpoint rules (Docker Hub, plain HTTP for loopback
 * and insecure registries, mirrors) are in {@link dev.stagecraft.registry.RegistryEndpoints};
 * authentication in {@code registry.auth}.
 */
package dev.stagecraft.registry;
