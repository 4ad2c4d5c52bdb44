package dev.stagecraft.graph;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A git repository checkout ({@code ADD https://host/repo.git#ref:subdir}).
 *
 * @param remote     the repository URL without fragment
 * @param ref        branch, tag or commit; null for the default branch
 * @param subdir     subdirectory to take, or null
 * @param keepGitDir keep the {@code .git} directory
 * @param checksum   expected commit (or prefix), or null
 * @param skipSubmodules true when the URL says {@code submodules=false}
 */
public record GitSourceOp(String remote, String ref, String subdir, boolean keepGitDir, String checksum,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean skipSubmodules) implements Op {

    /** A checkout with its submodules. */
    public GitSourceOp(String remote, String ref, String subdir, boolean keepGitDir, String checksum) {
        this(remote, ref, subdir, keepGitDir, checksum, false);
    }
}
