package dev.stagecraft.dockerfile.instruction;

/**
 * Expands one word with the variables of the stage at the start of an instruction
 * (BuildKit's {@code ProcessWord}: quotes removed, whitespace kept, no splitting).
 */
@FunctionalInterface
public interface WordExpander {
    /**
     * @throws dev.stagecraft.dockerfile.DockerfileException when the word cannot be expanded
     */
    String expand(String word);
}
