package dev.stagecraft.api;

import dev.stagecraft.cache.CacheIndex;
import java.io.IOException;
import java.nio.file.Path;

/** Where a root directory keeps its build cache. */
final class BuildCaches {
    private BuildCaches() {}

    /** The index of recorded step results: {@code <root>/cache/records}. */
    static CacheIndex index(Path root) throws IOException {
        return CacheIndex.open(root.resolve("cache").resolve("records"));
    }
}
