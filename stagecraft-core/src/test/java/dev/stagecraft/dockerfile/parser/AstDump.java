package dev.stagecraft.dockerfile.parser;

import dev.stagecraft.text.GoText;
import java.util.List;
import java.util.StringJoiner;

/**
 * Renders a parse result the way BuildKit's {@code Node.Dump()} does, which is the format of the
 * conformance {@code result} files: one {@code (keyword ["--flag"] "arg" ...)} line per
 * instruction, Go-quoted, ONBUILD nested as {@code (onbuild (run ...))}.
 */
final class AstDump {
    private AstDump() {
    }

    /** The dump of a whole file, without the final newline (as {@code Dump()} returns it). */
    static String dump(ParseResult result) {
        StringJoiner lines = new StringJoiner("\n");
        for (Node node : result.instructions()) {
            lines.add("(" + dump(node) + ")");
        }
        return lines.toString();
    }

    /** The dump of one instruction, without the surrounding parentheses. */
    static String dump(Node node) {
        StringBuilder out = new StringBuilder(node.command());
        if (!node.flags().isEmpty()) {
            out.append(' ').append(quoteList(node.flags()));
        }
        for (String arg : node.args()) {
            out.append(' ').append(GoText.quote(arg));
        }
        if (node.subInstruction() != null) {
            out.append(" (").append(dump(node.subInstruction())).append(')');
        }
        return GoSpaces.trim(out.toString());
    }

    /** Go's {@code %q} of a {@code []string}. */
    private static String quoteList(List<String> values) {
        StringJoiner joined = new StringJoiner(" ", "[", "]");
        values.forEach(v -> joined.add(GoText.quote(v)));
        return joined.toString();
    }
}
