package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;
import java.util.List;

/** {@code LABEL k=v ...}: merges labels into the image config. */
public record LabelInstruction(List<KeyValue> labels, SourceRange location, String original) implements Instruction {
    public LabelInstruction {
        labels = List.copyOf(labels);
    }

    @Override
    public String keyword() {
        return "LABEL";
    }

    /** Keys and values expanded. */
    public LabelInstruction expand(WordExpander expander) {
        return new LabelInstruction(labels.stream().map(kv -> kv.expand(expander)).toList(), location, original);
    }
}
