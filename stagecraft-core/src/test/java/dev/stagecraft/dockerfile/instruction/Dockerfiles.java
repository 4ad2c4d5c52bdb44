package dev.stagecraft.dockerfile.instruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.parser.DockerfileParser;

/** Test helpers: Dockerfile text through the real parser and the instruction layer. */
final class Dockerfiles {
    private Dockerfiles() {
    }

    static Dockerfile parse(String text) {
        return InstructionParser.parse(DockerfileParser.parse(text));
    }

    /** The only instruction of the first stage. */
    @SuppressWarnings("unchecked")
    static <T extends Instruction> T single(String text) {
        Dockerfile df = parse(text);
        assertThat(df.stages()).isNotEmpty();
        assertThat(df.stages().get(0).instructions()).hasSize(1);
        return (T) df.stages().get(0).instructions().get(0);
    }

    static DockerfileException error(String text) {
        DockerfileException e = catchThrowableOfType(() -> parse(text), DockerfileException.class);
        assertThat(e).as("expected an error for:%n%s", text).isNotNull();
        return e;
    }

    /** Asserts BuildKit's {@code dockerfile parse error on line N: <reason>}. */
    static void assertParseError(String text, int line, String reason) {
        DockerfileException e = error(text);
        assertThat(e.getMessage()).isEqualTo("dockerfile parse error on line " + line + ": " + reason);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.startLine()).isEqualTo(line));
    }
}
