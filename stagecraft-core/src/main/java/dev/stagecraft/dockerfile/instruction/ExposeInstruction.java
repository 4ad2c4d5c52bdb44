package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;
import java.util.List;

/**
 * {@code EXPOSE port[/proto] ...}; the ports are expanded with word splitting and validated at
 * dispatch (only for stages that are built).
 */
public record ExposeInstruction(List<String> ports, SourceRange location, String original) implements Instruction {
    public ExposeInstruction {
        ports = List.copyOf(ports);
    }

    @Override
    public String keyword() {
        return "EXPOSE";
    }
}
