package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;
import java.util.List;

/** {@code ENV k=v ...}: sets variables in the image config and the build env. */
public record EnvInstruction(List<KeyValue> vars, SourceRange location, String original) implements Instruction {
    public EnvInstruction {
        vars = List.copyOf(vars);
    }

    @Override
    public String keyword() {
        return "ENV";
    }

    /** Keys and values expanded; every word sees the env from before this instruction. */
    public EnvInstruction expand(WordExpander expander) {
        return new EnvInstruction(vars.stream().map(kv -> kv.expand(expander)).toList(), location, original);
    }
}
