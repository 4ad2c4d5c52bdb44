package dev.stagecraft.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Independent gzip readers: the JDK's, Commons Compress, and the gzip and busybox programs. */
final class GzipTools {
    private GzipTools() {}

    static byte[] jdk(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    /** Single-member mode: anything after the first member's trailer would be an error. */
    static byte[] commonsCompress(byte[] gz) throws IOException {
        try (InputStream in = new GzipCompressorInputStream(new ByteArrayInputStream(gz), false)) {
            return in.readAllBytes();
        }
    }

    /** Runs {@code command} on {@code gz} as stdin, asserts it exits 0 and returns its stdout. */
    static byte[] run(byte[] gz, String... command) throws IOException, InterruptedException {
        Path input = Files.createTempFile("stagecraft-gzip-", ".gz");
        try {
            Files.write(input, gz);
            List<String> cmd = new ArrayList<>(List.of(command));
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectInput(input.toFile()).start();
            } catch (IOException e) {
                throw new IllegalStateException(command[0] + " is required by this test: install it ("
                        + "Debian packages gzip and busybox)", e);
            }
            byte[] stdout;
            byte[] stderr;
            try (InputStream out = p.getInputStream(); InputStream err = p.getErrorStream()) {
                // The outputs here stay far below pipe buffers for stderr, so reading stdout first is safe.
                stdout = out.readAllBytes();
                stderr = err.readAllBytes();
            }
            int rc = p.waitFor();
            assertThat(rc).as("%s exit code, stderr: %s", cmd, new String(stderr)).isZero();
            return stdout;
        } finally {
            Files.deleteIfExists(input);
        }
    }
}
