package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;

/**
 * {@code ONBUILD <instruction>}.
 *
 * @param expression the trigger text after the ONBUILD keyword, with heredoc bodies appended, as
 *                   stored in the image config's {@code OnBuild}
 */
public record OnbuildInstruction(String expression, SourceRange location, String original) implements Instruction {
    @Override
    public String keyword() {
        return "ONBUILD";
    }
}
