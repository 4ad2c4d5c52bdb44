package dev.stagecraft.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DirectivesTest {

    @Test
    void readsAllThreeDirectives() {
        ParseResult result = DockerfileParser.parse("""
                # syntax=docker/dockerfile:1
                # escape=`
                # check=skip=all;error=true
                FROM scratch
                """);

        assertThat(result.directives()).isEqualTo(
                new Directives(Optional.of("docker/dockerfile:1"), '`', Optional.of("skip=all;error=true")));
        assertThat(result.escape()).isEqualTo('`');
    }

    @Test
    void noDirectivesGiveDefaults() {
        assertThat(DockerfileParser.parse("FROM scratch\n").directives()).isEqualTo(Directives.defaults());
    }

    @Test
    void keysAreCaseInsensitiveAndBlanksAroundEqualsAndValueAreIgnored() {
        ParseResult result = DockerfileParser.parse("#SYNTAX =  x/y  \n  #   Escape\t=\t`\nFROM a\n");

        assertThat(result.directives().syntax()).contains("x/y");
        assertThat(result.escape()).isEqualTo('`');
    }

    @Test
    void repeatedDirectiveIsAnError() {
        assertThatThrownBy(() -> DockerfileParser.parse("# escape=\\\n# ESCAPE=`\nFROM a\n"))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("only one escape parser directive can be used")
                .extracting(e -> ((DockerfileException) e).location())
                .isEqualTo(Optional.of(SourceRange.line(2)));
        assertThatThrownBy(() -> DockerfileParser.parse("# syntax=a\n# syntax=b\nFROM a\n"))
                .hasMessage("only one syntax parser directive can be used");
        assertThatThrownBy(() -> DockerfileParser.parse("# check=a\n# check=b\nFROM a\n"))
                .hasMessage("only one check parser directive can be used");
    }

    @Test
    void badEscapeTokenIsAnError() {
        assertThatThrownBy(() -> DockerfileParser.parse("# escape=x\nFROM a\n"))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("invalid escape token 'x' does not match ` or \\");
        assertThatThrownBy(() -> DockerfileParser.parse("# escape=\\\\\nFROM a\n"))
                .hasMessage("invalid escape token '\\\\' does not match ` or \\");
    }

    @Test
    void directiveAfterUnknownDirectiveIsAComment() {
        ParseResult result = DockerfileParser.parse("# unknowndirective=value\n# escape=`\nFROM a\n");

        assertThat(result.escape()).isEqualTo('\\');
        assertThat(result.instructions().get(0).prevComments())
                .containsExactly("unknowndirective=value", "escape=`");
    }

    @Test
    void directiveAfterBlankLineOrPlainCommentOrInstructionIsAComment() {
        assertThat(DockerfileParser.parse("\n# escape=`\nFROM a\n").escape()).isEqualTo('\\');
        assertThat(DockerfileParser.parse("# hello\n# escape=`\nFROM a\n").escape()).isEqualTo('\\');
        assertThat(DockerfileParser.parse("FROM a\n# escape=`\nRUN x\n").escape()).isEqualTo('\\');
    }

    @Test
    void laterDuplicateAfterDirectivesEndedIsJustAComment() {
        ParseResult result = DockerfileParser.parse("# escape=`\n\n# escape=\\\nFROM a\n");

        assertThat(result.escape()).isEqualTo('`');
    }

    @Test
    void directivesAreNotDocComments() {
        ParseResult result = DockerfileParser.parse("# syntax=x\n# the base\nFROM a\n");

        assertThat(result.instructions().get(0).prevComments()).containsExactly("the base");
    }

    @Test
    void byteOrderMarkBeforeDirectiveIsIgnored() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        file.writeBytes("# escape=`\nFROM a `\n  b\n".getBytes(StandardCharsets.UTF_8));

        ParseResult result = DockerfileParser.parse(file.toByteArray());

        assertThat(result.escape()).isEqualTo('`');
        assertThat(AstDump.dump(result)).isEqualTo("(from \"a\" \"b\")");
    }

    @Test
    void byteOrderMarkBeforeInstructionIsIgnored() {
        byte[] body = "FROM a\n".getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[body.length + 3];
        file[0] = (byte) 0xEF;
        file[1] = (byte) 0xBB;
        file[2] = (byte) 0xBF;
        System.arraycopy(body, 0, file, 3, body.length);

        assertThat(DockerfileParser.parse(file).instructions().get(0).keyword()).isEqualTo("FROM");
    }
}
