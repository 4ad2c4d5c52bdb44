package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;

/** {@code WORKDIR path}. */
public record WorkdirInstruction(String path, SourceRange location, String original) implements Instruction {
    @Override
    public String keyword() {
        return "WORKDIR";
    }

    public WorkdirInstruction expand(WordExpander expander) {
        return new WorkdirInstruction(expander.expand(path), location, original);
    }
}
