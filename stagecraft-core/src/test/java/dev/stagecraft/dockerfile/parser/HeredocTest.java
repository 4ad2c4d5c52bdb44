package dev.stagecraft.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeredocTest {

    private static Node only(String dockerfile) {
        List<Node> nodes = DockerfileParser.parse(dockerfile).instructions();
        assertThat(nodes).hasSize(1);
        return nodes.get(0);
    }

    @Test
    void runHeredocBodyIsKeptVerbatimAndCoveredByTheLocation() {
        ParseResult result = DockerfileParser.parse("""
                FROM alpine
                RUN <<EOF
                # not a comment
                echo hi # trailing
                EOF
                RUN next
                """);

        Node run = result.instructions().get(1);
        assertThat(run.heredocs()).containsExactly(
                new Heredoc("EOF", "# not a comment\necho hi # trailing\n", true, false, 0));
        assertThat(run.original()).isEqualTo("RUN <<EOF");
        assertThat(run.args()).containsExactly("<<EOF");
        assertThat(run.location()).isEqualTo(new SourceRange(2, 5));
        assertThat(result.instructions().get(2).location()).isEqualTo(SourceRange.line(6));
    }

    @Test
    void emptyBody() {
        assertThat(only("RUN <<EMPTY\nEMPTY\n").heredocs()).containsExactly(new Heredoc("EMPTY", "", true, false, 0));
    }

    @Test
    void fileDescriptorPrefix() {
        assertThat(only("RUN 3<<EMPTY2 cat /proc/self/fd/3\nx\nEMPTY2\n").heredocs())
                .containsExactly(new Heredoc("EMPTY2", "x\n", true, false, 3));
    }

    @Test
    void dashRemovesLeadingTabsFromBodyAndTerminator() {
        Node run = only("RUN <<-UNINDENT\n\tbaz\n\t\tquux\n  sp\n\tUNINDENT\n");

        assertThat(run.heredocs()).containsExactly(new Heredoc("UNINDENT", "baz\nquux\n  sp\n", true, true, 0));
        assertThat(run.location()).isEqualTo(new SourceRange(1, 5));
    }

    @Test
    void withoutDashTabsStayAndIndentedTerminatorIsBody() {
        Node run = only("RUN <<INDENT\n\tfoo\n\tINDENT\nINDENT\n");

        assertThat(run.heredocs()).containsExactly(new Heredoc("INDENT", "\tfoo\n\tINDENT\n", true, false, 0));
    }

    @Test
    void quotedDelimitersDisableExpansion() {
        assertThat(only("RUN <<-'NOEXPAND'\n\t$X\nNOEXPAND\n").heredocs())
                .containsExactly(new Heredoc("NOEXPAND", "$X\n", false, true, 0));
        assertThat(only("RUN <<\"EOF\"\nx\nEOF\n").heredocs().get(0).expand()).isFalse();
        assertThat(only("RUN <<eo'f'\necho foo\neof\n").heredocs())
                .containsExactly(new Heredoc("eof", "echo foo\n", false, false, 0));
        assertThat(only("RUN <<'one two'\necho bar\none two\n").heredocs())
                .containsExactly(new Heredoc("one two", "echo bar\n", false, false, 0));
    }

    @Test
    void escapedQuoteInDelimiterStillExpands() {
        assertThat(only("RUN <<eo\\'f\necho foo\neo'f\n").heredocs())
                .containsExactly(new Heredoc("eo'f", "echo foo\n", true, false, 0));
        assertThat(only("RUN <<'e'o\\'f\necho foo\neo'f\n").heredocs())
                .containsExactly(new Heredoc("eo'f", "echo foo\n", false, false, 0));
    }

    @Test
    void variableInDelimiterIsKeptAsWritten() {
        assertThat(only("RUN <<$EOF\n$EOF\n").heredocs()).containsExactly(new Heredoc("$EOF", "", true, false, 0));
    }

    @Test
    void blanksBetweenOperatorAndDelimiter() {
        assertThat(only("RUN <<  EOF  > foo\nEOF\n").heredocs())
                .containsExactly(new Heredoc("EOF", "", true, false, 0));
        // The lexer only glues blanks directly after "<<" to the word; "<<-" ends at the blank.
        assertThat(DockerfileParser.parse("RUN <<- EOF\nEOF\n").instructions()).hasSize(2);
    }

    @Test
    void severalHeredocsOnOneLineAreReadInOrder() {
        Node copy = only("COPY <<X <<Y /dest\nY\nX\nX\nY\n");

        assertThat(copy.heredocs()).containsExactly(
                new Heredoc("X", "Y\n", true, false, 0), new Heredoc("Y", "X\n", true, false, 0));
        assertThat(copy.args()).containsExactly("<<X", "<<Y", "/dest");
        assertThat(copy.location()).isEqualTo(new SourceRange(1, 5));
    }

    @Test
    void heredocAfterFlagsAndWithinContinuation() {
        Node run = only("RUN --mount=type=cache,target=/foo \\\n  <<MOUNT sh\necho hello\nMOUNT\n");

        assertThat(run.flags()).containsExactly("--mount=type=cache,target=/foo");
        assertThat(run.original()).isEqualTo("RUN --mount=type=cache,target=/foo   <<MOUNT sh");
        assertThat(run.heredocs()).containsExactly(new Heredoc("MOUNT", "echo hello\n", true, false, 0));
        assertThat(run.location()).isEqualTo(new SourceRange(1, 4));
    }

    @Test
    void addHeredoc() {
        assertThat(only("ADD <<file.txt /dest\nhello\nfile.txt\n").heredocs())
                .containsExactly(new Heredoc("file.txt", "hello\n", true, false, 0));
    }

    @Test
    void quotedOperatorIsNoHeredoc() {
        ParseResult result = DockerfileParser.parse("RUN \"<<NOHEREDOC\"\nRUN '<<EOF'\nRUN cat<<EOF\n");

        assertThat(result.instructions()).allSatisfy(n -> assertThat(n.heredocs()).isEmpty());
        assertThat(result.instructions()).hasSize(3);
    }

    @Test
    void jsonFormIsNoHeredoc() {
        ParseResult result = DockerfileParser.parse("RUN [\"<<EOF\"]\nCOPY [\"<<EOF\", \"/x\"]\nRUN [\"<<'EOF'\"]\n");

        assertThat(result.instructions()).hasSize(3);
        assertThat(result.instructions()).allSatisfy(n -> assertThat(n.heredocs()).isEmpty());
    }

    @Test
    void otherInstructionsHaveNoHeredocs() {
        ParseResult result = DockerfileParser.parse("USER <<INVALID\nINVALID\n");

        assertThat(AstDump.dump(result)).isEqualTo("(user \"<<INVALID\")\n(invalid \"\")");
    }

    @Test
    void onbuildRunHeredoc() {
        Node onbuild = only("ONBUILD RUN <<EOF\necho hi\nEOF\n");

        Heredoc expected = new Heredoc("EOF", "echo hi\n", true, false, 0);
        assertThat(onbuild.heredocs()).containsExactly(expected);
        assertThat(onbuild.subInstruction().heredocs()).containsExactly(expected);
        assertThat(onbuild.subInstruction().original()).isEqualTo("RUN <<EOF");
        assertThat(onbuild.location()).isEqualTo(new SourceRange(1, 3));
        assertThat(AstDump.dump(onbuild)).isEqualTo("onbuild (run \"<<EOF\")");
    }

    @Test
    void onbuildJsonRunIsNoHeredoc() {
        ParseResult result = DockerfileParser.parse("ONBUILD RUN [\"<<EOF\"]\nEOF\n");

        assertThat(result.instructions()).hasSize(2);
        assertThat(result.instructions().get(0).heredocs()).isEmpty();
    }

    @Test
    void fileEscapeCharacterDoesNotChangeHeredocLexing() {
        Node run = DockerfileParser.parse("# escape=`\nRUN <<eo\\'f\nx\neo'f\n").instructions().get(0);

        assertThat(run.heredocs()).containsExactly(new Heredoc("eo'f", "x\n", true, false, 0));
    }

    @Test
    void crlfBodyKeepsItsLineEndings() {
        assertThat(only("RUN <<EOF\r\na\r\nEOF\r\n").heredocs())
                .containsExactly(new Heredoc("EOF", "a\r\n", true, false, 0));
    }

    @Test
    void unterminatedHeredocIsAnError() {
        assertThatThrownBy(() -> DockerfileParser.parse("FROM a\nRUN <<EOF\necho hi\n"))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("unterminated heredoc")
                .extracting(e -> ((DockerfileException) e).location())
                .isEqualTo(Optional.of(new SourceRange(2, 3)));
        assertThatThrownBy(() -> DockerfileParser.parse("COPY <<A <<B /d\nA\nb\n"))
                .hasMessage("unterminated heredoc");
    }

    @Test
    void chompRemovesTabsAtEveryLineStart() {
        assertThat(HeredocReader.chomp("\thello\n\t\tworld\n x\t\n")).isEqualTo("hello\nworld\n x\t\n");
    }

    @Test
    void markerRecognition() {
        for (String valid : List.of("<<EOF", "<<'EOF'", "<<\"EOF\"", "<<-EOF", "<<-'EOF'", "<<-\"EOF\"",
                "<<EO\"F\"", "<< EOF")) {
            assertThat(HeredocReader.markers("RUN " + valid)).as(valid)
                    .extracting(HeredocReader.Marker::name).containsExactly("EOF");
        }
        for (String notHeredoc : List.of("EOF", "<<", "<<-", "<EOF", "<<<EOF", "<<- EOF", "<<EOF'")) {
            assertThat(HeredocReader.markers("RUN " + notHeredoc)).as(notHeredoc).isEmpty();
        }
        assertThat(HeredocReader.markers("RUN << -EOF")).extracting(HeredocReader.Marker::name)
                .containsExactly("-EOF");
        assertThat(HeredocReader.markers("RUN <<EOF <<EOF2")).extracting(HeredocReader.Marker::name)
                .containsExactly("EOF", "EOF2");
        assertThat(HeredocReader.markers("RUN 4<<EOF")).extracting(HeredocReader.Marker::fileDescriptor)
                .containsExactly(4);
    }
}
