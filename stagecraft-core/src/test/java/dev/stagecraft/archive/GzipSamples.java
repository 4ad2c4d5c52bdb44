package dev.stagecraft.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.Executor;

/** Inputs for the gzip tests and helpers to compress them. */
final class GzipSamples {
    static final int BLOCK = ParallelGzipOutputStream.DEFAULT_BLOCK_SIZE;

    private GzipSamples() {}

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Text-like data that deflate shrinks well and that refers back across block boundaries. */
    static byte[] compressible(int size, long seed) {
        Random r = new Random(seed);
        String[] words = {"RUN ", "apt-get ", "install ", "-y ", "curl ", "/usr/lib/", "libssl.so.3 ", "\n", "COPY ", "{\"a\":1}"};
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 32);
        while (out.size() < size) {
            out.writeBytes(words[r.nextInt(words.length)].getBytes(StandardCharsets.US_ASCII));
        }
        byte[] all = out.toByteArray();
        byte[] b = new byte[size];
        System.arraycopy(all, 0, b, 0, size);
        return b;
    }

    /** Half text, half random, in uneven stretches, like a tar of sources and binaries. */
    static byte[] mixed(int size, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[size];
        int at = 0;
        while (at < size) {
            int n = Math.min(size - at, 1 + r.nextInt(50_000));
            byte[] part = r.nextBoolean() ? compressible(n, r.nextLong()) : random(n, r.nextLong());
            System.arraycopy(part, 0, b, at, n);
            at += n;
        }
        return b;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new ParallelGzipOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] data, int level, int blockSize, Executor executor, int parallelism)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new ParallelGzipOutputStream(bytes, level, blockSize, executor, parallelism)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }
}
