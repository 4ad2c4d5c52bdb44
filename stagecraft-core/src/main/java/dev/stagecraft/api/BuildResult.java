package dev.stagecraft.api;

import java.util.List;

/**
 * What a build produced.
 *
 * @param manifestDigest the image manifest's digest ({@code sha256:...})
 * @param configDigest   the image config's digest, the image id docker shows
 * @param names          the names the image got in the local store, fully qualified
 * @param layers         how many layers the image has
 * @param stepsRun       how many steps ran
 * @param stepsCached    how many steps were not run because the build cache had their results
 */
public record BuildResult(String manifestDigest, String configDigest, List<String> names, int layers, int stepsRun,
        int stepsCached) {
    public BuildResult {
        names = List.copyOf(names);
    }
}
