/**
 * Sharing the build cache between roots ({@code --cache-to} / {@code --cache-from}): records and
 * their layers exported to a registry, a local OCI layout or inline in an image config, in the
 * shapes of BuildKit's remote cache ({@code application/vnd.buildkit.cacheconfig.v0}) but keyed by
 * stagecraft's own cache keys, and imported as a second-level index the step cache consults on a
 * local miss, fetching only the layers a hit needs.
 */
package dev.stagecraft.cache.remote;
