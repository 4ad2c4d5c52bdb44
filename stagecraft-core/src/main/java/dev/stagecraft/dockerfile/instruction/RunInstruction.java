package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.SourceRange;
import dev.stagecraft.dockerfile.parser.Heredoc;
import java.util.List;

/**
 * {@code RUN [--mount=...] [--network=...] [--security=...] command}.
 *
 * @param command    the command
 * @param heredocs   heredocs on the line, bodies included
 * @param mountSpecs the raw {@code --mount} values, in order; they are expanded at dispatch
 * @param mounts     the mounts parsed without expansion (used for {@code from} dependencies)
 * @param network    default, none or host
 * @param security   sandbox or insecure
 * @param devices    the raw {@code --device} values (labs-only in BuildKit: a stage that runs
 *                   refuses them at dispatch)
 */
public record RunInstruction(
        CommandLine command,
        List<Heredoc> heredocs,
        List<String> mountSpecs,
        List<RunMount> mounts,
        String network,
        String security,
        List<String> devices,
        SourceRange location,
        String original) implements Instruction {

    public RunInstruction {
        heredocs = List.copyOf(heredocs);
        mountSpecs = List.copyOf(mountSpecs);
        mounts = List.copyOf(mounts);
        devices = List.copyOf(devices);
    }

    @Override
    public String keyword() {
        return "RUN";
    }
}
