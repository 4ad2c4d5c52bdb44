package dev.stagecraft.frontend;

import static dev.stagecraft.frontend.Fixtures.convert;
import static dev.stagecraft.frontend.Fixtures.copies;
import static dev.stagecraft.frontend.Fixtures.lastRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.graph.FileAction;
import dev.stagecraft.graph.FileOp;
import dev.stagecraft.graph.Vertex;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Heredoc bodies and ONBUILD triggers, where BuildKit uses a fixed {@code \} escape whatever the
 * {@code # escape=} directive says (reference §1.7, §2.1, §4.4).
 */
class HeredocEscapeTest {

    /** The content of the file the single heredoc of the last COPY creates. */
    private static String heredocFile(String dockerfile) {
        Vertex v = convert(dockerfile).targetStage().result();
        FileAction.Copy c = copies(v).get(0);
        FileOp doc = (FileOp) v.inputs().get(c.input()).op();
        return ((FileAction.Mkfile) doc.actions().get(0)).content();
    }

    @Test
    void runIgnoresAQuotedDelimiterAndNeverExpands() {
        String body = "echo $A \"$A\" \\$A\nEOF\n";
        List<String> unquoted = lastRun(convert("FROM alpine:3.19\nARG A=x\nRUN <<EOF\n" + body)).args();
        List<String> quoted = lastRun(convert("FROM alpine:3.19\nARG A=x\nRUN <<\"EOF\"\n" + body)).args();
        List<String> single = lastRun(convert("FROM alpine:3.19\nARG A=x\nRUN <<'EOF'\n" + body)).args();
        // The shell, not the frontend, expands: the body reaches it as written.
        assertThat(unquoted).containsExactly("/bin/sh", "-c", "echo $A \"$A\" \\$A\n");
        assertThat(quoted).isEqualTo(unquoted);
        assertThat(single).isEqualTo(unquoted);
    }

    @Test
    void copyHeredocExpandsWithBackslashEvenUnderABacktickEscape() {
        String dockerfile = """
                # escape=`
                FROM alpine:3.19
                ARG NAME=world
                COPY <<EOF /greeting
                hello $NAME \\$NAME `$NAME
                EOF
                """;
        assertThat(heredocFile(dockerfile)).isEqualTo("hello world $NAME `world\n");
    }

    @Test
    void copyHeredocWithAQuotedDelimiterIsNotExpandedUnderABacktickEscape() {
        String dockerfile = """
                # escape=`
                FROM alpine:3.19
                ARG NAME=world
                COPY <<"EOF" /greeting
                hello $NAME \\$NAME
                EOF
                """;
        assertThat(heredocFile(dockerfile)).isEqualTo("hello $NAME \\$NAME\n");
    }

    @Test
    void dashHeredocStripsLeadingTabsFromCopyContent() {
        String dockerfile = "FROM alpine:3.19\nCOPY <<-EOF /f\n\tone\n\t\ttwo\n  three\n\tEOF\n";
        assertThat(heredocFile(dockerfile)).isEqualTo("one\ntwo\n  three\n");
    }

    @Test
    void plainHeredocKeepsTabsAndNeedsAnExactTerminator() {
        String dockerfile = "FROM alpine:3.19\nCOPY <<EOF /f\n\tone\n\tEOF\nEOF\n";
        assertThat(heredocFile(dockerfile)).isEqualTo("\tone\n\tEOF\n");
    }

    @Test
    void onbuildTriggersAreParsedWithTheDefaultEscape() {
        String parent = """
                # escape=`
                FROM alpine:3.19 AS parent
                ONBUILD ENV A=x` y
                """;
        // Under the file's backtick the trigger is one word, so the parent is fine and records it as written.
        assertThat(Fixtures.config(convert(parent)).onBuild()).containsExactly("ENV A=x` y");
        // Re-parsed with \ as escape, the backtick escapes nothing and "y" is a second, malformed pair.
        Throwable t = catchThrowable(() -> convert(parent + "FROM parent\n"));
        assertThat(t).isInstanceOf(DockerfileException.class)
                .hasMessageContaining("Syntax error - can't find = in \"y\". Must be of the form: name=value");
    }

    @Test
    void onbuildTriggersAreExpandedWithTheFilesEscape() {
        // BuildKit parses the trigger with \ but expands it with the Dockerfile's lexer, so \$B is a
        // literal backslash followed by the (unset) $B, and `y is an escaped y.
        FrontendResult r = convert("""
                # escape=`
                FROM alpine:3.19 AS parent
                ONBUILD ENV A=\\$B C=x`y
                FROM parent
                """);
        assertThat(Fixtures.config(r).env()).contains("A=\\", "C=xy");
    }
}
