package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.parser.Node;
import java.util.List;

/** CMD, ENTRYPOINT and SHELL: shell form or JSON (exec) form, no flags. */
final class CommandInstructions {
    private CommandInstructions() {
    }

    static CmdInstruction cmd(Node node) {
        SimpleInstructions.noFlags(node);
        return new CmdInstruction(commandLine(node), node.location(), SimpleInstructions.code(node));
    }

    static EntrypointInstruction entrypoint(Node node) {
        SimpleInstructions.noFlags(node);
        return new EntrypointInstruction(commandLine(node), node.location(), SimpleInstructions.code(node));
    }

    static ShellInstruction shell(Node node) {
        SimpleInstructions.noFlags(node);
        if (node.args().isEmpty()) {
            throw new DockerfileException("SHELL requires at least one argument");
        }
        if (!node.json()) {
            throw new DockerfileException("SHELL requires the arguments to be in JSON form");
        }
        return new ShellInstruction(node.args(), node.location(), SimpleInstructions.code(node));
    }

    /**
     * The command of RUN, CMD or ENTRYPOINT. JSON form keeps the elements (possibly none); shell
     * form is one string, "" when nothing follows the keyword, so the shell runs {@code ""}.
     */
    static CommandLine commandLine(Node node) {
        if (node.json()) {
            return new CommandLine(node.args(), false);
        }
        return new CommandLine(List.of(String.join(" ", node.args())), true);
    }
}
