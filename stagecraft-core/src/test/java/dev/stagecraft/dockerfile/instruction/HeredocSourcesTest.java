package dev.stagecraft.dockerfile.instruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import dev.stagecraft.dockerfile.parser.Heredoc;
import dev.stagecraft.dockerfile.parser.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Heredocs in COPY/ADD/RUN/ONBUILD, with nodes built by hand as the parser reads them. */
class HeredocSourcesTest {
    private static final SourceRange LINES = new SourceRange(4, 7);

    private static Node node(String keyword, List<String> args, List<Heredoc> heredocs, String original) {
        return new Node(keyword, List.of(), args, false, original, LINES, heredocs, List.of(), null);
    }

    @Test
    void copyHeredocSources() {
        Heredoc a = new Heredoc("A", "hello $X\n", true, false, 0);
        Heredoc b = new Heredoc("B", "raw\n", false, true, 0);
        CopyInstruction copy = (CopyInstruction) InstructionParser.parseInstruction(
                node("COPY", List.of("<<A", "file", "<<-\"B\"", "/dst/"), List.of(a, b), "COPY <<A file <<-\"B\" /dst/"));
        assertThat(copy.sourcePaths()).containsExactly("file");
        assertThat(copy.sourceContents()).containsExactly(a, b);
        assertThat(copy.destination()).isEqualTo("/dst/");
    }

    @Test
    void heredocWithoutBodyIsEmpty() {
        AddInstruction add = (AddInstruction) InstructionParser.parseInstruction(
                node("ADD", List.of("<<'EOF'", "/x"), List.of(), "ADD [\"<<'EOF'\", \"/x\"]"));
        assertThat(add.sourceContents()).containsExactly(new Heredoc("EOF", "", false, false, 0));
    }

    @Test
    void heredocAsDestinationIsRefused() {
        assertThatThrownBy(() -> InstructionParser.parseInstruction(
                node("COPY", List.of("a", "<<EOF"), List.of(new Heredoc("EOF", "x\n", true, false, 0)), "COPY a <<EOF")))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("dockerfile parse error on line 4: COPY cannot accept a heredoc as a destination");
        assertThatThrownBy(() -> InstructionParser.parseInstruction(node("ADD", List.of("a", "2<<X"), List.of(), "")))
                .hasMessage("dockerfile parse error on line 4: ADD cannot accept a heredoc as a destination");
    }

    @Test
    void wordsThatAreNotHeredocs() {
        assertThat(HeredocWords.parse("<<")).isNull();
        assertThat(HeredocWords.parse("a<<EOF")).isNull();
        assertThat(HeredocWords.parse("<<a<b")).isNull();
        Heredoc fd = HeredocWords.parse("3<<-E\"O\"F");
        assertThat(fd).isEqualTo(new Heredoc("EOF", "", false, true, 3));
        assertThat(HeredocWords.parse("<<\\EOF")).isEqualTo(new Heredoc("EOF", "", true, false, 0));
    }

    @Test
    void runKeepsItsHeredocs() {
        Heredoc script = new Heredoc("EOF", "echo hi\n", true, false, 0);
        RunInstruction run = (RunInstruction) InstructionParser.parseInstruction(
                node("RUN", List.of("<<EOF"), List.of(script), "RUN <<EOF"));
        assertThat(run.heredocs()).containsExactly(script);
        assertThat(run.command()).isEqualTo(new CommandLine(List.of("<<EOF"), true));
    }

    @Test
    void onbuildExpressionAppendsHeredocBodies() {
        Heredoc body = new Heredoc("EOF", "echo hi\n", true, false, 0);
        Node trigger = node("RUN", List.of("<<EOF"), List.of(body), "RUN <<EOF");
        Node onbuild = new Node("ONBUILD", List.of(), List.of(), false, "ONBUILD RUN <<EOF", LINES, List.of(body),
                List.of(), trigger);
        OnbuildInstruction typed = (OnbuildInstruction) InstructionParser.parseInstruction(onbuild);
        assertThat(typed.expression()).isEqualTo("RUN <<EOF\necho hi\nEOF");
    }
}
