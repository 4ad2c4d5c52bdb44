package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;

/** {@code MAINTAINER name} (deprecated): sets the image author. */
public record MaintainerInstruction(String maintainer, SourceRange location, String original) implements Instruction {
    @Override
    public String keyword() {
        return "MAINTAINER";
    }
}
