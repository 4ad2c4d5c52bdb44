package dev.stagecraft.context;

import java.util.List;
import java.util.Objects;

/**
 * What one consumer reads from a build context: the source of a COPY/ADD (one of its sources), or
 * the source of a {@code RUN --mount=type=bind} of the context. {@link ContentChecksums} selects
 * exactly what the copy would read, the way the file worker's COPY does.
 *
 * @param source          the source path, relative or absolute (both taken from the context root);
 *                        it may contain wildcards when {@code allowWildcard} is set
 * @param allowWildcard   whether {@code source} is a pattern to expand (COPY/ADD: true; a bind
 *                        mount: false)
 * @param followSymlinks  whether a symlink named by the source (or matched by its wildcard) is
 *                        followed; symlinks below a selected directory never are
 * @param includePatterns {@code COPY --parents} include patterns, matched against the path below
 *                        each match; empty means everything
 * @param excludePatterns {@code COPY/ADD --exclude} patterns, matched the same way
 */
public record Selection(String source, boolean allowWildcard, boolean followSymlinks,
        List<String> includePatterns, List<String> excludePatterns) {
    public Selection {
        Objects.requireNonNull(source, "source");
        includePatterns = List.copyOf(includePatterns);
        excludePatterns = List.copyOf(excludePatterns);
    }

    /** A COPY/ADD source as the Dockerfile frontend emits it: wildcards expanded, links followed, no patterns. */
    public static Selection copy(String source) {
        return new Selection(source, true, true, List.of(), List.of());
    }
}
