package dev.stagecraft.graph;

/**
 * A git repository checkout ({@code ADD https://host/repo.git#ref:subdir}).
 *
 * @param remote     the repository URL without fragment
 * @param ref        branch, tag or commit; null for the default branch
 * @param subdir     subdirectory to take, or null
 * @param keepGitDir keep the {@code .git} directory
 * @param checksum   expected commit (or prefix), or null
 */
public record GitSourceOp(String remote, String ref, String subdir, boolean keepGitDir, String checksum)
        implements Op {
}
