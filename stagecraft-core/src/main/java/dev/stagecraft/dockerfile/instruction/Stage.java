package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;
import java.util.List;

/**
 * One build stage: a FROM line and the instructions up to the next FROM.
 *
 * @param index        0-based position in the file
 * @param name         the {@code AS} name lower-cased, or null when unnamed
 * @param originalName the {@code AS} name as written, or null
 * @param baseName     the FROM image or stage, unexpanded
 * @param platform     the {@code --platform} value, unexpanded, or null
 * @param instructions the stage's instructions in order
 * @param comment      the doc comment ({@code # name description}) above FROM, or ""
 * @param location     the FROM line
 * @param original     the FROM line as written
 */
public record Stage(
        int index,
        String name,
        String originalName,
        String baseName,
        String platform,
        List<Instruction> instructions,
        String comment,
        SourceRange location,
        String original) {

    public Stage {
        instructions = List.copyOf(instructions);
    }

    /** The name used in messages and progress: the AS name or {@code stage-N}. */
    public String displayName() {
        return name != null ? name : "stage-" + index;
    }
}
