package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;

/** {@code STOPSIGNAL sig}; validated at dispatch. */
public record StopSignalInstruction(String signal, SourceRange location, String original) implements Instruction {
    @Override
    public String keyword() {
        return "STOPSIGNAL";
    }

    public StopSignalInstruction expand(WordExpander expander) {
        return new StopSignalInstruction(expander.expand(signal), location, original);
    }
}
