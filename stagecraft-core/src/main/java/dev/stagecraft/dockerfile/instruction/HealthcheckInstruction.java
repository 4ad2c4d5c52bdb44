package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;

/** {@code HEALTHCHECK [options] CMD ...} or {@code HEALTHCHECK NONE}. */
public record HealthcheckInstruction(HealthConfig health, SourceRange location, String original)
        implements Instruction {
    @Override
    public String keyword() {
        return "HEALTHCHECK";
    }
}
