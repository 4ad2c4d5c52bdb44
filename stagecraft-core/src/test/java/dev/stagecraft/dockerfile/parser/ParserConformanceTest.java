package dev.stagecraft.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BuildKit's own parser test data (see {@code conformance/buildkit/SOURCE.md}): every
 * {@code testfiles} case must dump byte-for-byte to its {@code result}, every negative case must
 * fail with BuildKit's message, and {@code testfile-line} must report BuildKit's line numbers.
 */
class ParserConformanceTest {
    private static final String ROOT = "/conformance/buildkit/parser/";

    static Stream<String> positiveCases() throws IOException {
        try (Stream<Path> dirs = Files.list(resource("testfiles"))) {
            return dirs.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void allThirtyThreePositiveCasesArePresent() throws IOException {
        assertThat(positiveCases()).hasSize(33);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positiveCases")
    void dumpMatchesResult(String name) throws IOException {
        Path dir = resource("testfiles").resolve(name);
        byte[] dockerfile = Files.readAllBytes(dir.resolve("Dockerfile"));
        String expected = Files.readString(dir.resolve("result"), StandardCharsets.UTF_8);

        ParseResult result = DockerfileParser.parse(dockerfile);

        assertThat(AstDump.dump(result) + "\n").isEqualTo(expected);
    }

    static Stream<Arguments> negativeCases() {
        return Stream.of(
                Arguments.of("empty_dockerfile", "file with no instructions"),
                Arguments.of("env_no_value", "ENV must have two arguments"),
                Arguments.of("only_comments", "file with no instructions"),
                Arguments.of("shykes-nested-json",
                        "when using JSON array syntax, arrays must be comprised of strings only"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negativeCases")
    void negativeCaseFails(String name, String message) throws IOException {
        byte[] dockerfile = Files.readAllBytes(resource("testfiles-negative").resolve(name).resolve("Dockerfile"));

        assertThatThrownBy(() -> DockerfileParser.parse(dockerfile))
                .isInstanceOf(DockerfileException.class)
                .hasMessage(message);
    }

    @Test
    void testfileLineReportsBuildKitLineNumbers() throws IOException {
        byte[] dockerfile = Files.readAllBytes(resource("testfile-line").resolve("Dockerfile"));

        ParseResult result = DockerfileParser.parse(dockerfile);

        assertThat(result.location()).isEqualTo(new SourceRange(5, 31));
        assertThat(result.instructions()).extracting(Node::location).containsExactly(
                new SourceRange(5, 5), new SourceRange(11, 12), new SourceRange(17, 31));
    }

    private static Path resource(String name) {
        try {
            return Path.of(ParserConformanceTest.class.getResource(ROOT + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
