import dev.stagecraft.content.Digest;
import dev.stagecraft.context.BuildContext;
import dev.stagecraft.context.ContentChecksums;
import dev.stagecraft.context.DockerIgnore;
import dev.stagecraft.context.Selection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Cold and warm content checksums of a whole build context (COPY . .): cold with an empty digest
 * cache, warm with the cache saved by the cold run and loaded by a new ContentChecksums. Run by
 * bench/context-checksums.sh; a plain harness because JMH is not in the local repository.
 */
public final class ContextChecksums {
    private static final int WARM_REPEATS = 7;

    public static void main(String[] args) throws Exception {
        Path context = Path.of(args[0]);
        int runs = Integer.getInteger("runs", 3);
        BuildContext ctx = BuildContext.of(context, DockerIgnore.none());
        Selection all = Selection.copy(".");
        for (int run = 1; run <= runs; run++) {
            Path cacheDir = Files.createTempDirectory("checksums");
            try {
                long t0 = System.nanoTime();
                ContentChecksums cold = ContentChecksums.open(cacheDir);
                Digest d1 = cold.checksum(ctx, all);
                long t1 = System.nanoTime();
                cold.save();
                long t2 = System.nanoTime();
                // Warm: a new ContentChecksums each time, its cache loaded from disk.
                long[] warm = new long[WARM_REPEATS];
                long cpu0 = cpuNanos();
                Digest d2 = null;
                for (int i = 0; i < warm.length; i++) {
                    long w0 = System.nanoTime();
                    d2 = ContentChecksums.open(cacheDir).checksum(ctx, all);
                    warm[i] = System.nanoTime() - w0;
                }
                long cpu1 = cpuNanos();
                java.util.Arrays.sort(warm);
                long t4 = System.nanoTime();
                // One file selected: the time is that of loading the 20,000-entry cache file.
                ContentChecksums.open(cacheDir).checksum(ctx, Selection.copy(firstFile(context)));
                long t5 = System.nanoTime();
                if (!d1.equals(d2)) {
                    throw new IllegalStateException("cold " + d1 + " != warm " + d2);
                }
                long cacheBytes;
                try (Stream<Path> s = Files.list(cacheDir)) {
                    cacheBytes = s.mapToLong(p -> p.toFile().length()).sum();
                }
                System.out.printf("run %d: cold %d ms, save %d ms (%d KiB), warm min %d / median %d / max %d ms (%d ms CPU each), "
                        + "load + one file %d ms  %s%n", run, ms(t1 - t0), ms(t2 - t1), cacheBytes / 1024, ms(warm[0]),
                        ms(warm[warm.length / 2]), ms(warm[warm.length - 1]), ms((cpu1 - cpu0) / warm.length),
                        ms(t5 - t4), d1);
            } finally {
                try (Stream<Path> s = Files.walk(cacheDir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static String firstFile(Path context) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(context)) {
            return context.relativize(s.filter(Files::isRegularFile).findFirst().orElseThrow()).toString();
        }
    }

    /** CPU time of the whole JVM: what the work costs, whatever else the machine runs. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
