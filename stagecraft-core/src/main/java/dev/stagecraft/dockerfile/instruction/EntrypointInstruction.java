package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;

/** {@code ENTRYPOINT}: the image's entrypoint. Never expanded. */
public record EntrypointInstruction(CommandLine command, SourceRange location, String original)
        implements Instruction {
    @Override
    public String keyword() {
        return "ENTRYPOINT";
    }
}
