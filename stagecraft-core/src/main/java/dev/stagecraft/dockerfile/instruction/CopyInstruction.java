package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;
import dev.stagecraft.dockerfile.parser.Heredoc;
import java.util.List;

/**
 * {@code COPY [flags] src... dest}.
 *
 * @param sourcePaths    source paths (or wildcards) in the context or the {@code --from} source
 * @param sourceContents heredoc sources ({@code COPY <<EOF /dst})
 * @param destination    the destination as written
 * @param from           the {@code --from} value, or null for the build context
 * @param chown          the {@code --chown} value, or null
 * @param chmod          the {@code --chmod} value, or null
 * @param link           {@code --link}
 * @param parents        {@code --parents}
 * @param excludes       {@code --exclude} patterns (never expanded)
 */
public record CopyInstruction(
        List<String> sourcePaths,
        List<Heredoc> sourceContents,
        String destination,
        String from,
        String chown,
        String chmod,
        boolean link,
        boolean parents,
        List<String> excludes,
        SourceRange location,
        String original) implements Instruction {

    public CopyInstruction {
        sourcePaths = List.copyOf(sourcePaths);
        sourceContents = List.copyOf(sourceContents);
        excludes = List.copyOf(excludes);
    }

    @Override
    public String keyword() {
        return "COPY";
    }

    /** Sources, destination, {@code --chown} and {@code --chmod} expanded. */
    public CopyInstruction expand(WordExpander expander) {
        return new CopyInstruction(sourcePaths.stream().map(expander::expand).toList(), sourceContents,
                expander.expand(destination), from, chown == null ? null : expander.expand(chown),
                chmod == null ? null : expander.expand(chmod), link, parents, excludes, location, original);
    }
}
