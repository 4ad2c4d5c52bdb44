package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;

/** {@code CMD}: the image's default command. Never expanded. */
public record CmdInstruction(CommandLine command, SourceRange location, String original) implements Instruction {
    @Override
    public String keyword() {
        return "CMD";
    }
}
