package dev.stagecraft.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Physical lines, comments, continuations and their line numbers. */
class LineHandlingTest {

    private static String dump(String dockerfile) {
        return AstDump.dump(DockerfileParser.parse(dockerfile));
    }

    @Test
    void continuationJoinsWithoutSeparatorAndKeepsIndentation() {
        ParseResult result = DockerfileParser.parse("RUN echo good\\\nbye \\\n   world\n");

        Node run = result.instructions().get(0);
        assertThat(run.args()).containsExactly("echo goodbye    world");
        assertThat(run.original()).isEqualTo("RUN echo goodbye    world");
        assertThat(run.location()).isEqualTo(new SourceRange(1, 3));
    }

    @Test
    void blanksAfterTheEscapeStillContinue() {
        assertThat(dump("RUN a \\ \t\nb\n")).isEqualTo("(run \"a b\")");
    }

    @Test
    void doubledEscapeAtEndDoesNotContinue() {
        assertThat(dump("ENV C x\\\\\nENV D y\n")).isEqualTo("(env \"C\" \"x\\\\\\\\\" \"\")\n(env \"D\" \"y\" \"\")");
    }

    @Test
    void lineOfOnlyTheEscapeIsAPureContinuation() {
        assertThat(dump("ENV E hello\\\n\\\nworld\n")).isEqualTo("(env \"E\" \"helloworld\" \"\")");
    }

    @Test
    void continuationAtEndOfFileEndsTheInstruction() {
        ParseResult result = DockerfileParser.parse("FROM a\nRUN something \\");

        assertThat(AstDump.dump(result)).isEqualTo("(from \"a\")\n(run \"something\")");
        assertThat(result.instructions().get(1).location()).isEqualTo(SourceRange.line(2));
    }

    @Test
    void backtickEscapeContinuesAndBackslashIsLiteral() {
        ParseResult result = DockerfileParser.parse("# escape=`\nFROM a\nRUN dir c:\\ `\n  /w\nENV P c:\\x\\\n");

        assertThat(AstDump.dump(result)).isEqualTo(
                "(from \"a\")\n(run \"dir c:\\\\   /w\")\n(env \"P\" \"c:\\\\x\\\\\" \"\")");
    }

    @Test
    void doubledBacktickAtEndDoesNotContinue() {
        assertThat(dump("# escape=`\nRUN a``\nRUN b\n")).isEqualTo("(run \"a``\")\n(run \"b\")");
    }

    @Test
    void commentLinesInsideContinuationAreDropped() {
        ParseResult result = DockerfileParser.parse("RUN a \\\n# note\n   # indented note\nb\n");

        assertThat(result.instructions().get(0).args()).containsExactly("a b");
        assertThat(result.instructions().get(0).location()).isEqualTo(new SourceRange(1, 4));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void noInlineComments() {
        assertThat(dump("RUN echo # not a comment\n")).isEqualTo("(run \"echo # not a comment\")");
    }

    @Test
    void emptyContinuationLinesWarnWithTheLastLineOfTheInstruction() {
        ParseResult result = DockerfileParser.parse("""
                FROM alpine
                RUN something \\

                    following \\
                 \t
                    more

                RUN valid \\
                    continuation
                RUN another \\

                    thing
                """);

        assertThat(result.warnings()).containsExactly(
                new ParseWarning("NoEmptyContinuation",
                        "Empty continuation line found in: RUN something     following     more",
                        SourceRange.line(6)),
                new ParseWarning("NoEmptyContinuation",
                        "Empty continuation line found in: RUN another     thing", SourceRange.line(12)));
        assertThat(result.instructions()).extracting(Node::location).containsExactly(
                SourceRange.line(1), new SourceRange(2, 6), new SourceRange(8, 9), new SourceRange(10, 12));
    }

    @Test
    void leadingWhitespaceOfFirstLineIsStripped() {
        ParseResult result = DockerfileParser.parse("   \tFROM a\n");

        assertThat(result.instructions().get(0).original()).isEqualTo("FROM a");
    }

    @Test
    void crlfLinesParseLikeLf() {
        ParseResult result = DockerfileParser.parse("# escape=`\r\nFROM a\r\nRUN x `\r\n  y\r\n\r\nCMD [\"z\"]\r\n");

        assertThat(result.escape()).isEqualTo('`');
        assertThat(AstDump.dump(result)).isEqualTo("(from \"a\")\n(run \"x   y\")\n(cmd \"z\")");
        assertThat(result.instructions()).extracting(Node::location).containsExactly(
                SourceRange.line(2), new SourceRange(3, 4), SourceRange.line(6));
    }

    @Test
    void prevCommentsAreTheCommentsAboveAnInstruction() {
        ParseResult result = DockerfileParser.parse("""
                # base image
                #   for builds

                FROM a AS build
                RUN x
                #
                # after reset
                ARG V
                """);

        assertThat(result.instructions()).extracting(Node::prevComments).containsExactly(
                java.util.List.of("base image", "for builds"), java.util.List.of(), java.util.List.of("after reset"));
    }

    @Test
    void indentedCommentKeepsItsHashInPrevComments() {
        ParseResult result = DockerfileParser.parse("  # indented\n#plain\nFROM a\n");

        assertThat(result.instructions().get(0).prevComments()).containsExactly("# indented", "plain");
    }

    @Test
    void emptyOrCommentOnlyFileHasNoInstructions() {
        assertThatThrownBy(() -> DockerfileParser.parse(new byte[0]))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("file with no instructions");
        assertThatThrownBy(() -> DockerfileParser.parse("# a\n\n   \n# b\n"))
                .hasMessage("file with no instructions");
    }

    @Test
    void lineOfMaximumLengthIsAccepted() {
        String label = "a".repeat(PhysicalLines.MAX_LINE_BYTES - "LABEL x=".length());

        ParseResult withNewline = DockerfileParser.parse("FROM i\nLABEL x=" + label + "\n");
        ParseResult atEnd = DockerfileParser.parse("FROM i\nLABEL x=" + label);

        assertThat(withNewline.instructions().get(1).args()).containsExactly("x", label, "=");
        assertThat(atEnd.instructions().get(1).args()).containsExactly("x", label, "=");
    }

    @Test
    void lineOverTheLimitIsAnError() {
        String label = "a".repeat(65536);

        assertThatThrownBy(() -> DockerfileParser.parse("\n\t\tFROM image\n\t\tLABEL test=" + label + "\n"))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("dockerfile line greater than max allowed size of 65535")
                .extracting(e -> ((DockerfileException) e).location())
                .isEqualTo(Optional.of(SourceRange.line(3)));
        assertThatThrownBy(() -> DockerfileParser.parse("FROM i\nLABEL x=" + "é".repeat(32764)))
                .hasMessage("dockerfile line greater than max allowed size of 65535");
    }

    @Test
    void lineOverTheLimitBeforeAnyInstructionMeansNoInstructions() {
        assertThatThrownBy(() -> DockerfileParser.parse("# " + "a".repeat(70000) + "\nFROM a\n"))
                .hasMessage("file with no instructions");
    }
}
