package dev.stagecraft.dockerfile.parser;

import dev.stagecraft.text.GoText;
import java.util.ArrayList;
import java.util.List;

/**
 * Shapes the text after an instruction's flags into arguments, with one rule per instruction
 * (BuildKit's dispatch table of line parsers). See {@link Node} for the resulting shapes.
 */
final class ArgumentParsers {
    /** Arguments of one instruction; {@code trigger} is only set for ONBUILD. */
    record Parsed(List<String> args, boolean json, InstructionLine trigger) {
        static final Parsed NONE = new Parsed(List.of(), false, null);

        static Parsed of(List<String> args) {
            return new Parsed(args, false, null);
        }
    }

    private ArgumentParsers() {
    }

    /**
     * @param command the keyword, lower-cased
     * @param rest    the trimmed text after the flags
     * @param escape  the file's escape character
     * @throws LineSyntaxError for arguments the instruction cannot take
     */
    static Parsed parse(String command, String rest, char escape) {
        return switch (command) {
            case "run", "cmd", "entrypoint", "shell" -> maybeJson(rest);
            case "add", "copy", "volume" -> maybeJsonToList(rest);
            case "from", "expose" -> whitespaceDelimited(rest);
            case "env" -> nameVal(rest, "ENV", escape);
            case "label" -> nameVal(rest, "LABEL", escape);
            case "arg" -> Parsed.of(WordSplitter.split(rest, escape));
            case "healthcheck" -> healthConfig(rest);
            case "maintainer", "user", "workdir", "stopsignal" -> rest.isEmpty() ? Parsed.NONE : Parsed.of(List.of(rest));
            case "onbuild" -> rest.isEmpty() ? Parsed.NONE : new Parsed(List.of(), false, InstructionLine.parse(rest, escape));
            // Unknown keywords are kept with one empty argument; they are rejected later, with
            // a "did you mean" suggestion, by the instruction layer.
            default -> Parsed.of(List.of(""));
        };
    }

    /** RUN/CMD/ENTRYPOINT/SHELL: a JSON array, or the whole rest as one argument. */
    private static Parsed maybeJson(String rest) {
        if (rest.isEmpty()) {
            return Parsed.NONE;
        }
        List<String> json = JsonArgs.parse(rest);
        if (json != null) {
            return new Parsed(json, true, null);
        }
        return Parsed.of(List.of(rest));
    }

    /** ADD/COPY/VOLUME: a JSON array, or a split on blanks that ignores quotes. */
    private static Parsed maybeJsonToList(String rest) {
        List<String> json = JsonArgs.parse(rest);
        if (json != null) {
            return new Parsed(json, true, null);
        }
        return whitespaceDelimited(rest);
    }

    private static Parsed whitespaceDelimited(String rest) {
        if (rest.isEmpty()) {
            return Parsed.NONE;
        }
        return Parsed.of(GoSpaces.splitBlanks(rest, -1));
    }

    /**
     * ENV/LABEL: {@code key value sep} triples. {@code KEY rest of line} is the legacy form, told
     * apart by a first word without {@code =}.
     */
    private static Parsed nameVal(String rest, String instruction, char escape) {
        List<String> words = WordSplitter.split(rest, escape);
        if (words.isEmpty()) {
            return Parsed.NONE;
        }
        if (!words.get(0).contains("=")) {
            List<String> parts = GoSpaces.splitBlanks(rest, 2);
            if (parts.size() < 2) {
                throw new LineSyntaxError(instruction + " must have two arguments");
            }
            return Parsed.of(List.of(parts.get(0), parts.get(1), ""));
        }
        List<String> args = new ArrayList<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw new LineSyntaxError("Syntax error - can't find = in " + GoText.quote(word)
                        + ". Must be of the form: name=value");
            }
            args.add(word.substring(0, eq));
            args.add(word.substring(eq + 1));
            args.add("=");
        }
        return Parsed.of(args);
    }

    /** HEALTHCHECK: the type word, then the command as for CMD. */
    private static Parsed healthConfig(String rest) {
        int sep = 0;
        while (sep < rest.length() && !GoSpaces.isSpace(rest.charAt(sep))) {
            sep++;
        }
        if (sep == 0) {
            return Parsed.NONE;
        }
        int next = sep;
        while (next < rest.length() && GoSpaces.isSpace(rest.charAt(next))) {
            next++;
        }
        Parsed command = maybeJson(rest.substring(next));
        List<String> args = new ArrayList<>();
        args.add(rest.substring(0, sep));
        args.addAll(command.args());
        return new Parsed(args, command.json(), null);
    }
}
