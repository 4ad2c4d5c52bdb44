package dev.stagecraft.dockerfile.instruction;

import java.util.List;

/**
 * The command of RUN, CMD or ENTRYPOINT.
 *
 * @param args      exec form: the argv; shell form: one element, the command string
 * @param shellForm true when written in shell form, so the stage's SHELL is prepended
 */
public record CommandLine(List<String> args, boolean shellForm) {
    public CommandLine {
        args = List.copyOf(args);
    }
}
