package dev.stagecraft.frontend;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One case of the BuildKit differential test: a directory holding a {@code Dockerfile}, its
 * context files, an optional {@code case.properties} ({@code target=}, {@code build-args=K=V,...})
 * and the {@code expected-config.json} the real BuildKit produced.
 */
record DifferentialCase(String name, Path dir, String target, Map<String, String> buildArgs) {

    static DifferentialCase load(Path dir) throws IOException {
        Properties p = new Properties();
        Path props = dir.resolve("case.properties");
        if (Files.exists(props)) {
            try (Reader r = Files.newBufferedReader(props, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        String target = p.getProperty("target", "").trim();
        Map<String, String> args = new LinkedHashMap<>();
        String raw = p.getProperty("build-args", "").trim();
        if (!raw.isEmpty()) {
            for (String kv : raw.split(",")) {
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException(dir + ": build arg without '=': " + kv);
                }
                args.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return new DifferentialCase(dir.getFileName().toString(), dir, target.isEmpty() ? null : target, args);
    }

    byte[] dockerfile() throws IOException {
        return Files.readAllBytes(dir.resolve("Dockerfile"));
    }

    byte[] expectedConfig() throws IOException {
        return Files.readAllBytes(dir.resolve("expected-config.json"));
    }
}
