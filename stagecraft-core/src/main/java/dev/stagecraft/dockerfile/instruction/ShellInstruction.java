package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;
import java.util.List;

/** {@code SHELL ["exe", "arg"]}: the shell for later shell-form commands. */
public record ShellInstruction(List<String> shell, SourceRange location, String original) implements Instruction {
    public ShellInstruction {
        shell = List.copyOf(shell);
    }

    @Override
    public String keyword() {
        return "SHELL";
    }
}
