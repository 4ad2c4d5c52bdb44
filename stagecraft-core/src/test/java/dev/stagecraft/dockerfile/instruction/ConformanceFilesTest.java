package dev.stagecraft.dockerfile.instruction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.dockerfile.DockerfileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every BuildKit parser test file goes through the instruction layer. Most type cleanly; the
 * ones BuildKit's {@code instructions.Parse} rejects must fail with its exact message.
 */
class ConformanceFilesTest {
    private static final Path ROOT = Paths.get("src/test/resources/conformance/buildkit/parser/testfiles");

    /**
     * Expected failures: the full message BuildKit prints. An instruction before the first FROM
     * carries only a location, no "parse error" prefix.
     */
    private static final String NO_STAGE = "no build stage in current context";
    private static final Map<String, String> FAILURES = Map.of(
            "flags", "dockerfile parse error on line 3: unknown flag: --user",
            "health", "dockerfile parse error on line 4: HEALTHCHECK requires at least one argument",
            "jeztah-invalid-json-json-inside-string", NO_STAGE,
            "jeztah-invalid-json-json-inside-string-double", NO_STAGE,
            "jeztah-invalid-json-single-quotes", NO_STAGE,
            "jeztah-invalid-json-unterminated-bracket", NO_STAGE,
            "jeztah-invalid-json-unterminated-string", NO_STAGE,
            "json", NO_STAGE);

    static Stream<String> names() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            List<String> names = dirs.filter(d -> Files.exists(d.resolve("Dockerfile")))
                    .map(d -> d.getFileName().toString()).sorted().collect(Collectors.toList());
            assertThat(names).hasSize(33);
            return names.stream();
        }
    }

    /** The instruction words of a typed Dockerfile: meta ARGs, then each FROM and its instructions. */
    private static List<String> keywords(Dockerfile df) {
        List<String> out = new java.util.ArrayList<>();
        df.metaArgs().forEach(a -> out.add("arg"));
        for (Stage st : df.stages()) {
            out.add("from");
            st.instructions().forEach(i -> out.add(i.keyword().toLowerCase(java.util.Locale.ROOT)));
        }
        return out;
    }

    /** The first word of each line of BuildKit's {@code result} dump: {@code (run "x")} is run. */
    private static List<String> resultKeywords(Path result) throws IOException {
        return Files.readAllLines(result).stream().filter(l -> !l.isEmpty())
                .map(l -> l.substring(1).split("[ )]", 2)[0]).collect(Collectors.toList());
    }

    @ParameterizedTest
    @MethodSource("names")
    void typesOrFailsLikeBuildKit(String name) throws IOException {
        String text = Files.readString(ROOT.resolve(name).resolve("Dockerfile"));
        String expected = FAILURES.get(name);
        try {
            Dockerfile df = Dockerfiles.parse(text);
            assertThat(expected).as("%s should fail", name).isNull();
            // Every node of BuildKit's AST dump became one typed instruction, in order.
            assertThat(keywords(df)).isEqualTo(resultKeywords(ROOT.resolve(name).resolve("result")));
        } catch (DockerfileException e) {
            assertThat(e.getMessage()).as(name).isEqualTo(expected);
            if (expected.equals(NO_STAGE)) {
                assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.startLine()).isEqualTo(1));
            }
        }
    }
}
