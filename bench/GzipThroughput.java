import dev.stagecraft.archive.ParallelGzipOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Gzip throughput on layer-like data: single-threaded gzip against ParallelGzipOutputStream.
 * Run by bench/gzip-throughput.sh; a plain harness because JMH is not in the local repository.
 */
public final class GzipThroughput {
    interface Compressor {
        OutputStream open(OutputStream sink) throws IOException;
    }

    record Variant(String name, Compressor compressor) {}

    /** Discards bytes, counting and hashing them so variants can be compared byte for byte. */
    static final class Sink extends OutputStream {
        long count;
        final MessageDigest sha = sha256();

        @Override
        public void write(int b) {
            count++;
            sha.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
            sha.update(b, off, len);
        }
    }

    public static void main(String[] args) throws Exception {
        int mib = Integer.parseInt(System.getProperty("mib", "256"));
        int warmups = Integer.parseInt(System.getProperty("warmups", "1"));
        int runs = Integer.parseInt(System.getProperty("runs", "3"));
        int chunk = 8 * 1024; // about what a tar writer hands on at a time
        byte[] data = layerLike(mib << 20, 2026);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("input: %d MiB layer-like data; %s; %d cores%n", mib, System.getProperty("java.vm.version"), cores);

        long crcStart = System.nanoTime();
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length);
        System.out.printf("CRC32 alone: %.0f MiB/s (crc %08x)%n", mib / ((System.nanoTime() - crcStart) / 1e9), crc.getValue());

        System.out.println("load average before: " + java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
        System.out.println("| gzip | MiB/s (wall) mean ± sd | min | max | MiB per CPU-second | cores used | size | sha256 of output |");
        System.out.println("|:---|---:|---:|---:|---:|---:|---:|:---|");
        ExecutorService one = Executors.newFixedThreadPool(1);
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("JDK GZIPOutputStream, level 6 (1 thread)", GZIPOutputStream::new));
        variants.add(new Variant("Commons Compress GzipCompressorOutputStream, level 6 (the previous Compression.GZIP)", sink -> {
            GzipParameters p = new GzipParameters();
            p.setModificationTime(0);
            p.setOperatingSystem(255);
            return new GzipCompressorOutputStream(sink, p);
        }));
        variants.add(new Variant("ParallelGzipOutputStream, level 6, 1 worker thread", sink -> new ParallelGzipOutputStream(sink, 6, one, 1)));
        variants.add(new Variant("ParallelGzipOutputStream, level 6, shared pool (" + cores + " threads, Compression.GZIP)",
                ParallelGzipOutputStream::new));
        // Round-robin, so that every variant sees the same changes in the machine's load.
        int n = variants.size();
        double[][] rates = new double[n][runs];
        double[] cpuSeconds = new double[n];
        double[] wallSeconds = new double[n];
        Sink[] last = new Sink[n];
        try {
            for (int round = -warmups; round < runs; round++) {
                for (int v = 0; v < n; v++) {
                    Sink sink = new Sink();
                    long cpuStart = processCpuNanos();
                    long start = System.nanoTime();
                    try (OutputStream out = variants.get(v).compressor().open(sink)) {
                        for (int at = 0; at < data.length; at += chunk) {
                            out.write(data, at, Math.min(chunk, data.length - at));
                        }
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (round >= 0) {
                        rates[v][round] = mib / seconds;
                        cpuSeconds[v] += (processCpuNanos() - cpuStart) / 1e9;
                        wallSeconds[v] += seconds;
                    }
                    last[v] = sink;
                }
            }
        } finally {
            one.shutdown();
        }
        for (int v = 0; v < n; v++) {
            report(variants.get(v).name(), rates[v], mib * runs / cpuSeconds[v], cpuSeconds[v] / wallSeconds[v],
                    100.0 * last[v].count / data.length,
                    HexFormat.of().formatHex(last[v].sha.digest()).substring(0, 12));
        }
        System.out.println("load average after: " + java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
    }

    private static void report(String name, double[] rates, double perCpuSecond, double coresUsed, double sizePercent,
            String sha) {
        double mean = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double r : rates) {
            mean += r / rates.length;
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        double var = 0;
        for (double r : rates) {
            var += (r - mean) * (r - mean) / Math.max(1, rates.length - 1);
        }
        System.out.printf("| %s | %.1f ± %.1f | %.1f | %.1f | %.1f | %.2f | %.2f%% | %s |%n",
                name, mean, Math.sqrt(var), min, max, perCpuSecond, coresUsed, sizePercent, sha);
    }

    /**
     * Tar-like stream: 512-byte headers, text files (sources, configs), random files (binaries
     * and archives that deflate cannot shrink) and zero padding, about 60/30/10 by size.
     */
    static byte[] layerLike(int size, long seed) {
        Random r = new Random(seed);
        String[] words = ("import static final class public void return if else for while int long String "
                + "usr lib share bin etc libc.so.6 python3 package json version license description "
                + "error warning 0 1 2 10 100 true false null { } ( ) ; = == != + - * / \" ' # : , .").split(" ");
        byte[] b = new byte[size];
        int at = 0;
        while (at < size) {
            byte[] name = ("usr/lib/pkg" + r.nextInt(5000) + "/file" + r.nextInt(100000)).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(name, 0, b, at, Math.min(name.length, size - at));
            at += Math.min(512, size - at);
            int len = Math.min(size - at, 1 + (int) Math.min(2_000_000, Math.abs(r.nextGaussian()) * 60_000));
            if (r.nextInt(10) < 3) {
                byte[] noise = new byte[len];
                r.nextBytes(noise);
                System.arraycopy(noise, 0, b, at, len);
            } else {
                StringBuilder text = new StringBuilder(len + 64);
                while (text.length() < len) {
                    text.append(words[r.nextInt(words.length)]);
                    text.append(r.nextInt(8) == 0 ? "\n" + "    ".repeat(r.nextInt(4)) : " ");
                    if (r.nextInt(20) == 0) {
                        text.append(Long.toHexString(r.nextLong()));
                    }
                }
                System.arraycopy(text.toString().getBytes(StandardCharsets.US_ASCII), 0, b, at, len);
            }
            at += len;
            at += Math.min(size - at, (512 - at % 512) % 512); // tar pads files to 512 bytes with zeros
        }
        return b;
    }

    /** CPU time of the whole process (all threads, GC included): what the work costs, whatever the load. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
