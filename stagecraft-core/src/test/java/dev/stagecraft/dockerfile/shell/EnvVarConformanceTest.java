package dev.stagecraft.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BuildKit's {@code envVarTest} table ({@code TestShellParser4EnvVars}): one {@code processWord}
 * per row, escape {@code \}, with the rows for all platforms ({@code A}) and Unix ({@code U}).
 * The Windows rows ({@code W}) assume case-insensitive names and are skipped.
 */
class EnvVarConformanceTest {
    private static final ShellLex LEX = new ShellLex('\\');
    private static final ShellEnv ENV = ShellEnv.of(envMap());

    record Row(int line, String platform, String input, String expected) {
        @Override
        public String toString() {
            return "line " + line + ": " + input + " -> " + (expected.isEmpty() ? "<empty>" : expected);
        }
    }

    private static Map<String, String> envMap() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PWD", "/home");
        env.put("SHELL", "bash");
        env.put("KOREAN", "한국어");
        env.put("NULL", "");
        return env;
    }

    static List<Row> allRows() {
        List<Row> rows = new ArrayList<>();
        List<String> lines = ConformanceData.lines("envVarTest");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            // Same reading rules as upstream: '#' in column 1 is a comment, then trim, skip blanks.
            if (line.startsWith("#") || line.trim().isEmpty()) {
                continue;
            }
            String[] fields = line.trim().split("\\|", -1);
            if (fields.length != 3) {
                throw new IllegalStateException("line " + (i + 1) + " has not 3 fields: " + line);
            }
            rows.add(new Row(i + 1, fields[0].trim(), fields[1].trim(), fields[2].trim()));
        }
        return rows;
    }

    static List<Row> unixRows() {
        return allRows().stream().filter(r -> !r.platform().equals("W")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unixRows")
    void expandsLikeBuildKit(Row row) {
        if (row.expected().equals("error")) {
            assertThatThrownBy(() -> LEX.processWord(row.input(), ENV))
                    .isInstanceOf(ShellExpansionException.class)
                    .hasMessageStartingWith("failed to process \"");
        } else {
            assertThat(LEX.processWord(row.input(), ENV)).isEqualTo(row.expected());
        }
    }

    @Test
    void tableHasTheDocumentedShape() {
        List<Row> rows = allRows();
        assertThat(rows).hasSize(230);
        assertThat(rows).filteredOn(r -> r.platform().equals("W")).hasSize(2);
        assertThat(unixRows()).hasSize(228);
        assertThat(unixRows()).filteredOn(r -> r.expected().equals("error")).hasSize(36);
    }
}
