package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;
import java.util.List;

/** {@code VOLUME /a /b} or {@code VOLUME ["/a"]}. */
public record VolumeInstruction(List<String> volumes, SourceRange location, String original) implements Instruction {
    public VolumeInstruction {
        volumes = List.copyOf(volumes);
    }

    @Override
    public String keyword() {
        return "VOLUME";
    }

    /** Each element expanded as one word (no splitting). */
    public VolumeInstruction expand(WordExpander expander) {
        return new VolumeInstruction(volumes.stream().map(expander::expand).toList(), location, original);
    }
}
