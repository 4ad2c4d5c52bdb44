package dev.stagecraft.dockerfile.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Loads the BuildKit shell tables copied under {@code conformance/buildkit/shell/}. */
final class ConformanceData {
    private ConformanceData() {
    }

    /** The lines of a table, split on {@code \n} only so trailing spaces survive. */
    static List<String> lines(String table) {
        String path = "/conformance/buildkit/shell/" + table;
        try (InputStream in = ConformanceData.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return List.of(text.split("\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
