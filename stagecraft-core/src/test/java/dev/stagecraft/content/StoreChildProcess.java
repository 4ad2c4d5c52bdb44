package dev.stagecraft.content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Random;

/**
 * The main class of a separate JVM that {@link KilledProcessTest} starts and kills: it writes to a
 * store the way stagecraft does, stalling mid-write or in a tight loop, and says on stdout when it has begun.
 *
 * <pre>
 * blob ROOT SIZE SEED           write a SIZE-byte blob, stalling (until killed) after the first MiB
 * references ROOT              rewrite a large references.json for ever
 * add-references ROOT PREFIX N put N references PREFIX-0 .. PREFIX-(N-1), then exit
 * </pre>
 */
public final class StoreChildProcess {
    private StoreChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[1]);
        switch (args[0]) {
            case "blob" -> writeBlobUntilKilled(root, Long.parseLong(args[2]), Long.parseLong(args[3]));
            case "references" -> rewriteReferences(root);
            case "add-references" -> addReferences(root, args[2], Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void writeBlobUntilKilled(Path root, long size, long seed) throws IOException {
        LocalContentStore store = LocalContentStore.open(root);
        Digest digest = Digest.sha256(new SeededStream(size, seed, false));
        store.write(digest, size, new SeededStream(size, seed, true));
        System.out.println("FINISHED");
    }

    private static void rewriteReferences(Path root) throws IOException {
        ReferenceStore references = ReferenceStore.open(root);
        for (long i = 0; ; i++) {
            // Each update rewrites the whole file (up to 140 names), so a kill mid-write would
            // leave a torn file if the rename were not atomic.
            Descriptor target = KilledProcessTest.manifest(i);
            for (int n = 0; n < 2000; n += 100) {
                references.put("registry.example/image-" + n + ":" + i % 7, target);
            }
            // The parent kills after a chosen number of rounds, so during a later one.
            System.out.println("UPDATED " + (i + 1));
            System.out.flush();
        }
    }

    private static void addReferences(Path root, String prefix, int count) throws IOException {
        ReferenceStore references = ReferenceStore.open(root);
        for (int i = 0; i < count; i++) {
            references.put(prefix + "-" + i, KilledProcessTest.manifest(i));
        }
        System.out.println("FINISHED");
    }

    /**
     * Deterministic bytes; when {@code stalling}, it announces itself after 1 MiB and then blocks
     * on standard input, which the parent never writes: the writer is mid-blob when it is killed.
     */
    static final class SeededStream extends InputStream {
        private final Random random;
        private final boolean stalling;
        private long left;
        private long sent;
        private boolean announced;

        SeededStream(long size, long seed, boolean stalling) {
            this.random = new Random(seed);
            this.left = size;
            this.stalling = stalling;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, left), 64 * 1024);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, b, off, n);
            left -= n;
            sent += n;
            if (stalling && sent >= 1024 * 1024 && !announced) {
                announced = true;
                System.out.println("WRITING");
                System.out.flush();
                stall();
            }
            return n;
        }

        private static void stall() {
            try {
                while (System.in.read() >= 0) {
                    // the parent writes nothing; it kills this process
                }
            } catch (java.io.IOException e) {
                // stdin gone: the parent is gone too
            }
        }
    }
}
