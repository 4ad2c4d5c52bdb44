package dev.stagecraft.dockerfile.parser;

import dev.stagecraft.dockerfile.SourceRange;
import java.util.List;
import java.util.Locale;

/**
 * One instruction as the parser sees it: syntax only, nothing validated beyond the argument form.
 *
 * <p>What {@link #args()} holds depends on the instruction, exactly as BuildKit's parser does it:
 * RUN/CMD/ENTRYPOINT/SHELL one arg (shell form) or one per JSON element; ADD/COPY/VOLUME JSON
 * elements or a whitespace split; ENV/LABEL triples {@code key, value, "=" or ""}; ARG one shell
 * word each; HEALTHCHECK the type word then the command; MAINTAINER/USER/WORKDIR/STOPSIGNAL the
 * rest of the line; an unknown keyword one empty arg; ONBUILD none (see {@link #subInstruction()}).
 *
 * @param keyword        the instruction word as written ({@code run}, {@code RUN}, {@code Run})
 * @param flags          leading {@code --flag[=value]} words, quotes and escapes processed
 * @param args           the arguments, as described above
 * @param json           true when the arguments came from a JSON array
 * @param original       the instruction text, continuations joined, heredoc bodies excluded
 * @param location       first and last physical line (heredoc bodies included)
 * @param heredocs       heredocs of this line, in order; an ONBUILD node and its trigger both carry
 *                       the trigger's heredocs
 * @param prevComments   the comment lines directly above (blank lines between do not matter, a bare
 *                       {@code #} line restarts the list), each trimmed after dropping its first
 *                       character; that is the {@code #}, except that an indented comment keeps it
 * @param subInstruction for ONBUILD, the trigger instruction; null otherwise
 */
public record Node(
        String keyword,
        List<String> flags,
        List<String> args,
        boolean json,
        String original,
        SourceRange location,
        List<Heredoc> heredocs,
        List<String> prevComments,
        Node subInstruction) {

    public Node {
        flags = List.copyOf(flags);
        args = List.copyOf(args);
        heredocs = List.copyOf(heredocs);
        prevComments = List.copyOf(prevComments);
    }

    /** The keyword lower-cased, the form instructions are dispatched on. */
    public String command() {
        return keyword.toLowerCase(Locale.ROOT);
    }
}
