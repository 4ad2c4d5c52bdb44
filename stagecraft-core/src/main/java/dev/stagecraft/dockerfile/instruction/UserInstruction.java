package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;

/** {@code USER user[:group]}. */
public record UserInstruction(String user, SourceRange location, String original) implements Instruction {
    @Override
    public String keyword() {
        return "USER";
    }

    public UserInstruction expand(WordExpander expander) {
        return new UserInstruction(expander.expand(user), location, original);
    }
}
