package dev.stagecraft.dockerfile.parser;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns Dockerfile text into a syntax tree, the way BuildKit's low-level parser
 * ({@code frontend/dockerfile/parser}) does: directives, comments, line continuations, flags,
 * per-instruction argument shapes and heredocs. Nothing is validated beyond the argument form;
 * unknown instructions, wrong argument counts and bad flags are the instruction layer's business.
 *
 * <p>Heredoc bodies belong to the instruction that opens them: they extend its
 * {@link Node#location()} but are not part of its {@link Node#original()}. For ONBUILD, both the
 * node and its {@link Node#subInstruction()} carry the trigger's heredocs.
 *
 * <p>Every error is a {@link DockerfileException} whose reason is BuildKit's message and whose
 * location, when there is one, is the offending instruction's lines.
 */
public final class DockerfileParser {
    static final String NO_INSTRUCTIONS = "file with no instructions";
    static final String LINE_TOO_LONG =
            "dockerfile line greater than max allowed size of " + PhysicalLines.MAX_LINE_BYTES;

    private final PhysicalLines lines;
    private final DirectiveParser directives = new DirectiveParser();
    private final List<String> comments = new ArrayList<>();
    private final List<ParseWarning> warnings = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();

    private DockerfileParser(byte[] dockerfile) {
        this.lines = new PhysicalLines(dockerfile);
    }

    /**
     * Parses a Dockerfile given as UTF-8 bytes. A leading byte-order mark is ignored, and lines
     * may end in LF or CRLF. Malformed UTF-8 is decoded to U+FFFD.
     *
     * @throws DockerfileException when the file cannot be parsed
     */
    public static ParseResult parse(byte[] dockerfile) {
        return new DockerfileParser(dockerfile).run();
    }

    /** Parses a Dockerfile given as text; same as {@link #parse(byte[])} on its UTF-8 bytes. */
    public static ParseResult parse(String dockerfile) {
        return parse(dockerfile.getBytes(StandardCharsets.UTF_8));
    }

    private ParseResult run() {
        String raw;
        while ((raw = lines.next()) != null) {
            readInstruction(raw);
        }
        if (nodes.isEmpty()) {
            throw new DockerfileException(NO_INSTRUCTIONS);
        }
        if (lines.hitTooLongLine()) {
            throw new DockerfileException(LINE_TOO_LONG, SourceRange.line(lines.lineNumber() + 1));
        }
        SourceRange whole = new SourceRange(nodes.get(0).location().startLine(),
                nodes.get(nodes.size() - 1).location().endLine());
        return new ParseResult(nodes, directives.directives(), warnings, whole);
    }

    /** Handles one physical line that is not inside an instruction, and whatever it starts. */
    private void readInstruction(String raw) {
        int startLine = lines.lineNumber();
        collectComment(raw);
        String token = GoSpaces.trimLeft(GoSpaces.trimNewline(raw));
        if (directives.accept(token, startLine)) {
            // A directive is a comment too, but it documents nothing.
            comments.remove(comments.size() - 1);
        }
        if (isComment(token)) {
            return;
        }
        LineContinuation.Trimmed first = LineContinuation.trim(token, directives.escape());
        if (!first.continues() && first.text().isEmpty()) {
            return;
        }
        String line = joinContinuation(first);
        InstructionLine instruction;
        try {
            instruction = InstructionLine.parse(line, directives.escape());
        } catch (LineSyntaxError e) {
            throw located(e, startLine);
        }
        List<Heredoc> heredocs = List.of();
        if (instruction.canContainHeredoc() && line.contains("<<")) {
            try {
                heredocs = HeredocReader.read(line, lines);
            } catch (LineSyntaxError e) {
                throw located(e, startLine);
            }
        }
        nodes.add(toNode(instruction, new SourceRange(startLine, lines.lineNumber()), heredocs,
                List.copyOf(comments)));
        comments.clear();
    }

    /** The error as a DockerfileException about the instruction's lines read so far. */
    private DockerfileException located(LineSyntaxError e, int startLine) {
        return new DockerfileException(e.getMessage(), new SourceRange(startLine, lines.lineNumber()));
    }

    /**
     * Comments directly above an instruction become its {@code prevComments}. BuildKit drops the
     * first character, not the {@code #}, so an indented comment keeps its {@code #}; a bare
     * {@code #} line starts the collection afresh.
     */
    private void collectComment(String raw) {
        if (!isComment(raw)) {
            return;
        }
        String comment = GoSpaces.trim(raw.substring(1));
        if (comment.isEmpty()) {
            comments.clear();
        } else {
            comments.add(comment);
        }
    }

    /** Appends continuation lines; comment lines inside are skipped, blank ones warned about. */
    private String joinContinuation(LineContinuation.Trimmed first) {
        StringBuilder line = new StringBuilder(first.text());
        boolean continues = first.continues();
        boolean sawEmptyLine = false;
        String raw;
        while (continues && (raw = lines.next()) != null) {
            String token = GoSpaces.trimNewline(raw);
            if (isComment(raw)) {
                continue;
            }
            if (GoSpaces.trimLeft(token).isEmpty()) {
                sawEmptyLine = true;
                continue;
            }
            LineContinuation.Trimmed next = LineContinuation.trim(token, directives.escape());
            line.append(next.text());
            continues = next.continues();
        }
        if (sawEmptyLine) {
            warnings.add(new ParseWarning("NoEmptyContinuation", "Empty continuation line found in: " + line,
                    SourceRange.line(lines.lineNumber())));
        }
        return line.toString();
    }

    private static boolean isComment(String line) {
        return GoSpaces.trimLeft(line).startsWith("#");
    }

    private static Node toNode(InstructionLine line, SourceRange location, List<Heredoc> heredocs,
            List<String> prevComments) {
        Node trigger = line.trigger() == null ? null : toNode(line.trigger(), location, heredocs, List.of());
        return new Node(line.keyword(), line.flags(), line.args(), line.json(), line.original(), location,
                heredocs, prevComments, trigger);
    }
}
