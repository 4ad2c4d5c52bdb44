package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;
import dev.stagecraft.dockerfile.parser.Heredoc;
import java.util.List;

/**
 * {@code ADD [flags] src... dest}: like COPY, plus URLs, git sources and archive extraction.
 *
 * @param keepGitDir {@code --keep-git-dir}, or null when not given
 * @param checksum   {@code --checksum}, or null
 * @param unpack     {@code --unpack}, or null when not given (local archives default to true)
 */
public record AddInstruction(
        List<String> sourcePaths,
        List<Heredoc> sourceContents,
        String destination,
        String chown,
        String chmod,
        boolean link,
        Boolean keepGitDir,
        String checksum,
        Boolean unpack,
        List<String> excludes,
        SourceRange location,
        String original) implements Instruction {

    public AddInstruction {
        sourcePaths = List.copyOf(sourcePaths);
        sourceContents = List.copyOf(sourceContents);
        excludes = List.copyOf(excludes);
    }

    @Override
    public String keyword() {
        return "ADD";
    }

    /** Sources, destination, {@code --chown}, {@code --chmod} and {@code --checksum} expanded. */
    public AddInstruction expand(WordExpander expander) {
        return new AddInstruction(sourcePaths.stream().map(expander::expand).toList(), sourceContents,
                expander.expand(destination), chown == null ? null : expander.expand(chown),
                chmod == null ? null : expander.expand(chmod), link, keepGitDir,
                checksum == null ? null : expander.expand(checksum), unpack, excludes, location, original);
    }
}
