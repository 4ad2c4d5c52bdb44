package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;

/**
 * A typed, validated Dockerfile instruction inside a stage (FROM is a {@link Stage}, not an
 * instruction).
 */
public sealed interface Instruction
        permits EnvInstruction, LabelInstruction, MaintainerInstruction, AddInstruction, CopyInstruction,
        OnbuildInstruction, WorkdirInstruction, RunInstruction, CmdInstruction, EntrypointInstruction,
        ExposeInstruction, UserInstruction, VolumeInstruction, StopSignalInstruction, ArgInstruction,
        ShellInstruction, HealthcheckInstruction {

    /** Where the instruction stands in the Dockerfile. */
    SourceRange location();

    /** The instruction as written, continuations joined (heredoc bodies excluded). */
    String original();

    /** The upper-case keyword ({@code RUN}, {@code COPY}, ...). */
    String keyword();
}
