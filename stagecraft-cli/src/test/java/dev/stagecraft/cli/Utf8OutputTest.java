package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a real process under the C locale many CI containers run with. */
class Utf8OutputTest {
    @TempDir
    Path context;

    @Test
    void planIsWrittenAsUtf8UnderTheCLocale() throws IOException, InterruptedException {
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nLABEL greeting=\"héllo ☃\"\nCMD [\"héllo\"]\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "plan", "--format", "json", context.toString()));
        pb.environment().put("LANG", "C");
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(text).contains("\"greeting\" : \"héllo ☃\"", "\"héllo\"");
    }
}
