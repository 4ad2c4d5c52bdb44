/**
 * The persistent build cache: cache keys computed as BuildKit forms them ({@link
 * dev.stagecraft.cache.CacheKeys}) and the index of recorded step results in the root directory
 * ({@link dev.stagecraft.cache.CacheIndex}). A record names layers by digest; the layers
 * themselves are blobs of the content store, which the records keep from garbage collection.
 */
package dev.stagecraft.cache;
