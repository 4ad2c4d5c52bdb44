package dev.stagecraft.dockerfile.parser;

import java.util.List;
import java.util.Locale;

/**
 * One logical instruction line taken apart, before its place in the file is known.
 *
 * @param keyword  the instruction word as written
 * @param flags    leading {@code --flags}
 * @param args     the arguments, shaped per instruction by {@link ArgumentParsers}
 * @param json     whether the arguments came from a JSON array
 * @param original the line itself
 * @param trigger  for ONBUILD, the instruction it registers; null otherwise
 */
record InstructionLine(String keyword, List<String> flags, List<String> args, boolean json, String original,
        InstructionLine trigger) {

    /**
     * Parses a logical line (continuations already joined).
     *
     * @throws LineSyntaxError when the arguments are malformed for the instruction
     */
    static InstructionLine parse(String line, char escape) {
        CommandSplitter.Split split = CommandSplitter.split(line);
        ArgumentParsers.Parsed parsed = ArgumentParsers.parse(
                split.keyword().toLowerCase(Locale.ROOT), split.rest(), escape);
        return new InstructionLine(split.keyword(), split.flags(), parsed.args(), parsed.json(), line,
                parsed.trigger());
    }

    String command() {
        return keyword.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether heredocs are looked for after this line: RUN, COPY and ADD in shell form, directly
     * or as an ONBUILD trigger.
     */
    boolean canContainHeredoc() {
        InstructionLine target = command().equals("onbuild") && trigger != null ? trigger : this;
        return !target.json && switch (target.command()) {
            case "run", "copy", "add" -> true;
            default -> false;
        };
    }
}
