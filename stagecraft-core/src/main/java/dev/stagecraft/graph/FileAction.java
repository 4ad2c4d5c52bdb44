package dev.stagecraft.graph;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** One change of a {@link FileOp}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "action")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FileAction.Copy.class, name = "copy"),
    @JsonSubTypes.Type(value = FileAction.Mkdir.class, name = "mkdir"),
    @JsonSubTypes.Type(value = FileAction.Mkfile.class, name = "mkfile")})
public sealed interface FileAction {

    /**
     * Copies {@code source} from input {@code input} to {@code destination} (COPY/ADD).
     *
     * @param input               index of the source input in the vertex inputs
     * @param source              path or wildcard in that input
     * @param destination         absolute destination; a trailing {@code /} means "into a directory"
     * @param chown               user[:group] for the copied files, null keeps 0:0
     * @param chmod               octal or symbolic mode, null keeps the source mode
     * @param followSymlinks      resolve a symlinked source
     * @param contentsOnly        copying a directory copies its contents
     * @param allowWildcard       the source may be a pattern
     * @param allowEmptyWildcard  a pattern matching nothing is not an error
     * @param createDestPath      create missing parents of the destination
     * @param attemptUnpack       extract a local tar archive (ADD)
     * @param includePatterns     only copy what matches (COPY --parents)
     * @param excludePatterns     leave out what matches (--exclude)
     * @param requiredPaths       paths that must exist (COPY --parents without wildcards)
     */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    record Copy(int input, String source, String destination, String chown, String chmod, boolean followSymlinks,
            boolean contentsOnly, boolean allowWildcard, boolean allowEmptyWildcard, boolean createDestPath,
            boolean attemptUnpack, List<String> includePatterns, List<String> excludePatterns,
            List<String> requiredPaths) implements FileAction {
        public Copy {
            includePatterns = List.copyOf(includePatterns);
            excludePatterns = List.copyOf(excludePatterns);
            requiredPaths = List.copyOf(requiredPaths);
        }
    }

    /** Creates a directory (WORKDIR). */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    record Mkdir(String path, int mode, boolean makeParents, String user) implements FileAction {
    }

    /** Creates a file with the given content (heredoc sources). */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    record Mkfile(String path, int mode, String content) implements FileAction {
    }
}
