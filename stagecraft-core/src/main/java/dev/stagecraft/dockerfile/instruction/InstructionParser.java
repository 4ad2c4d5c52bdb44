package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.parser.Node;
import dev.stagecraft.dockerfile.parser.ParseResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the parser's syntax tree into typed, validated instructions grouped into stages
 * (BuildKit's {@code instructions.Parse}).
 *
 * <p>Errors found in an instruction are reported as
 * {@code dockerfile parse error on line N: <reason>}. The first failing instruction wins, in file
 * order. A file without FROM yields zero stages; rejecting it is the frontend's job
 * ({@code dockerfile contains no stages to build}).
 */
public final class InstructionParser {
    private InstructionParser() {
    }

    /**
     * Types every instruction of the file.
     *
     * @throws DockerfileException for the first invalid instruction
     */
    public static Dockerfile parse(ParseResult ast) {
        List<ArgInstruction> metaArgs = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        FromLine from = null;
        List<Instruction> instructions = new ArrayList<>();
        for (Node node : ast.instructions()) {
            Object typed = parseNode(node);
            if (typed instanceof FromLine) {
                if (from != null) {
                    stages.add(from.toStage(stages.size(), instructions));
                }
                from = (FromLine) typed;
                instructions = new ArrayList<>();
            } else if (from == null) {
                if (!(typed instanceof ArgInstruction)) {
                    // BuildKit attaches only the location here, not the "parse error" prefix.
                    throw new DockerfileException("no build stage in current context", node.location());
                }
                metaArgs.add((ArgInstruction) typed);
            } else {
                instructions.add((Instruction) typed);
            }
        }
        if (from != null) {
            stages.add(from.toStage(stages.size(), instructions));
        }
        return new Dockerfile(metaArgs, stages, ast.directives(), ast.warnings());
    }

    /**
     * Types one instruction: a {@link FromLine} for FROM, an {@link Instruction} otherwise.
     *
     * @throws DockerfileException {@code dockerfile parse error on line N: ...}
     */
    static Object parseNode(Node node) {
        try {
            return dispatch(node);
        } catch (DockerfileException e) {
            if (!e.locations().isEmpty()) {
                throw e;
            }
            throw DockerfileException.parseError(e.reason(), node.location());
        }
    }

    /**
     * Types a single instruction that is not FROM, e.g. an ONBUILD trigger when it fires.
     *
     * @throws DockerfileException {@code dockerfile parse error on line N: ...}, also for FROM
     */
    public static Instruction parseInstruction(Node node) {
        Object typed = parseNode(node);
        if (typed instanceof FromLine) {
            throw DockerfileException.parseError("FROM is not a command type", node.location());
        }
        return (Instruction) typed;
    }

    private static Object dispatch(Node node) {
        switch (node.command()) {
            case "from":
                return FromLine.parse(node);
            case "env":
                return SimpleInstructions.env(node);
            case "label":
                return SimpleInstructions.label(node);
            case "maintainer":
                return SimpleInstructions.maintainer(node);
            case "add":
                return CopyAddParser.add(node);
            case "copy":
                return CopyAddParser.copy(node);
            case "onbuild":
                return SimpleInstructions.onbuild(node);
            case "workdir":
                return SimpleInstructions.workdir(node);
            case "run":
                return RunParser.run(node);
            case "cmd":
                return CommandInstructions.cmd(node);
            case "entrypoint":
                return CommandInstructions.entrypoint(node);
            case "shell":
                return CommandInstructions.shell(node);
            case "healthcheck":
                return HealthcheckParser.healthcheck(node);
            case "expose":
                return SimpleInstructions.expose(node);
            case "user":
                return SimpleInstructions.user(node);
            case "volume":
                return SimpleInstructions.volume(node);
            case "stopsignal":
                return SimpleInstructions.stopSignal(node);
            case "arg":
                return SimpleInstructions.arg(node);
            default:
                throw new DockerfileException(Suggestions.withSuggestion(
                        "unknown instruction: " + node.keyword(), node.keyword(), Keywords.ALL, false));
        }
    }
}
