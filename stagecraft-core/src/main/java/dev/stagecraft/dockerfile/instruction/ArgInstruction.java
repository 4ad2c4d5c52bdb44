package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;
import java.util.List;

/**
 * {@code ARG name[=default] ...}. Before the first FROM it declares global (meta) args.
 *
 * @param args    the declarations, in order
 * @param comment the doc comment above the line, or "" when none
 */
public record ArgInstruction(List<ArgDeclaration> args, String comment, SourceRange location, String original)
        implements Instruction {
    public ArgInstruction {
        args = List.copyOf(args);
    }

    @Override
    public String keyword() {
        return "ARG";
    }
}
