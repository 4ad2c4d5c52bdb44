package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.content.Digest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of builds: twenty builds on one root, each killed at a different point of
 * its progress (while a step runs, while layers are written, while the cache is recorded), then
 * a build of each Dockerfile runs to the end on that root, reuses what the killed builds
 * finished, and every stored blob still has the digest its name says.
 */
class BuildKillIT {
    private static final String BASE = CliProcess.BUSYBOX_BASE;

    @TempDir
    Path tmp;

    private Path context(int variant) throws IOException {
        Path context = Files.createDirectories(tmp.resolve("context-" + variant));
        Files.copy(Path.of("/bin/busybox"), context.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(context.resolve("data.txt"), "data " + variant + "\n");
        Files.writeString(context.resolve("Dockerfile"), BASE + """
                FROM base
                RUN echo one > /one && head -c 300000 /dev/urandom > /noise
                COPY data.txt /data.txt
                RUN echo variant %d > /variant && cat /data.txt >> /variant
                RUN echo three > /three
                """.formatted(variant % 4));
        return context;
    }

    @Test
    void aRootLeftByKilledBuildsServesTheNextBuildsCorrectly() throws Exception {
        Path root = tmp.resolve("root");
        for (int i = 0; i < 20; i++) {
            Path context = context(i % 4);
            Process p = CliProcess.stagecraft("build", "--root", root.toString(), context.toString())
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            // Killed after a different number of progress lines each time: 1, 3, 5, ... then again.
            int killAfter = 1 + (i * 2) % 17;
            int seen = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (++seen >= killAfter) {
                    break;
                }
            }
            p.destroyForcibly();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        for (int variant = 0; variant < 4; variant++) {
            Path out = tmp.resolve("out-" + variant);
            Process p = CliProcess.stagecraft("build", "--root", root.toString(), "-o", "type=local,dest=" + out,
                    context(variant).toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile())
                    .start();
            p.getOutputStream().close();
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(tmp.resolve("log"))).isZero();
            assertThat(out.resolve("variant")).hasContent("variant " + variant + "\ndata " + variant);
            assertThat(out.resolve("three")).hasContent("three");
            assertThat(Files.size(out.resolve("noise"))).isEqualTo(300000);
        }

        try (Stream<Path> blobs = Files.list(root.resolve("blobs").resolve("sha256"))) {
            for (Path blob : blobs.toList()) {
                assertThat(Digest.sha256(Files.readAllBytes(blob)).toString())
                        .as("blob %s", blob.getFileName()).isEqualTo("sha256:" + blob.getFileName());
            }
        }
    }
}
