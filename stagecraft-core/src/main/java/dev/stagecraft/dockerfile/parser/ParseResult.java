package dev.stagecraft.dockerfile.parser;

import dev.stagecraft.dockerfile.SourceRange;
import java.util.List;

/**
 * The syntax tree of a whole Dockerfile.
 *
 * @param instructions one node per instruction, in source order
 * @param directives   the parser directives in force
 * @param warnings     non-fatal findings, in source order
 * @param location     first line of the first instruction to last line of the last one
 */
public record ParseResult(List<Node> instructions, Directives directives, List<ParseWarning> warnings,
        SourceRange location) {
    public ParseResult {
        instructions = List.copyOf(instructions);
        warnings = List.copyOf(warnings);
    }

    public char escape() {
        return directives.escape();
    }
}
