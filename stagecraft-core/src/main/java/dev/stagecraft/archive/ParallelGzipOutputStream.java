package dev.stagecraft.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream that deflates its input in fixed-size blocks on several threads, as pigz does,
 * and writes them in order as one standard gzip member.
 *
 * <p>Each block is deflated on its own, primed with the last 32 KiB of the block before it as a
 * preset dictionary, and ends with a sync flush (the last block with a final block), so the
 * blocks join into one valid deflate stream. The output depends only on the bytes written and the
 * level: not on the number of threads, the executor, thread timing or calls to {@link #flush()}.
 * That keeps layer digests reproducible on machines with any number of cores. It is not
 * byte-identical to {@link java.util.zip.GZIPOutputStream}, which has no block boundaries.
 *
 * <p>The header is the one Go's {@code compress/gzip} (and so BuildKit and containerd) writes:
 * no name, no comment, modification time 0, OS 255 ("unknown"), and an XFL byte of 2 for level 9,
 * 4 for level 1 and 0 otherwise. Input shorter than one block is compressed on the calling thread.
 *
 * <p>At most {@code 2 × parallelism} blocks are held at once; {@code write} blocks while the
 * oldest of them is still being compressed. A failure in a worker or in the wrapped stream is
 * thrown as an {@link IOException} from the next {@code write}, {@code flush} or {@code close};
 * {@code close} after a failure returns without waiting for blocks still in flight. Instances are
 * not thread-safe.
 */
public final class ParallelGzipOutputStream extends OutputStream {
    /** The block size of {@link Compression#GZIP}, fixed so output does not depend on the machine. */
    public static final int DEFAULT_BLOCK_SIZE = 128 * 1024;
    /** Go's {@code gzip.DefaultCompression}, which BuildKit uses for layers, is zlib level 6. */
    public static final int DEFAULT_LEVEL = 6;

    /** The deflate window: a block may refer back this far into the block before it. */
    static final int DICTIONARY_SIZE = 32 * 1024;
    private static final int OS_UNKNOWN = 255;

    private final OutputStream out;
    private final int level;
    private final int blockSize;
    private final Executor executor;
    private final int maxInFlight;
    private final ArrayDeque<CompletableFuture<byte[]>> inFlight = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private final byte[] one = new byte[1];

    private byte[] block;
    private int blockLength;
    /** The last block handed to a worker: the dictionary source of the next one. */
    private byte[] previous;
    private long totalIn;
    private boolean headerWritten;
    private boolean closed;
    private IOException failure;

    /**
     * Gzip at {@link #DEFAULT_LEVEL} in {@link #DEFAULT_BLOCK_SIZE} blocks on the shared pool of
     * one thread per available processor.
     */
    public ParallelGzipOutputStream(OutputStream out) {
        this(out, DEFAULT_LEVEL, GzipWorkers.pool(), GzipWorkers.parallelism());
    }

    /**
     * Gzip at {@code level} in {@link #DEFAULT_BLOCK_SIZE} blocks on {@code executor}, keeping at
     * most {@code 2 × parallelism} blocks in memory.
     *
     * @param level 0 (stored) to 9 (best), as {@link Deflater}
     */
    public ParallelGzipOutputStream(OutputStream out, int level, Executor executor, int parallelism) {
        this(out, level, DEFAULT_BLOCK_SIZE, executor, parallelism);
    }

    /** As above with another block size (tests use small ones); at least the 32 KiB window. */
    ParallelGzipOutputStream(OutputStream out, int level, int blockSize, Executor executor, int parallelism) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("gzip level must be 0 to 9, not " + level);
        }
        if (blockSize < DICTIONARY_SIZE) {
            throw new IllegalArgumentException("gzip block size must be at least " + DICTIONARY_SIZE);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.out = Objects.requireNonNull(out, "out");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.level = level;
        this.blockSize = blockSize;
        this.maxInFlight = 2 * parallelism;
        this.block = new byte[blockSize];
    }

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        crc.update(b, off, len);
        totalIn += len;
        while (len > 0) {
            if (blockLength == blockSize) {
                // Only now is the full block known not to be the last one.
                submit(false);
            }
            int n = Math.min(len, blockSize - blockLength);
            System.arraycopy(b, off, block, blockLength, n);
            blockLength += n;
            off += n;
            len -= n;
        }
    }

    /**
     * Writes the blocks already compressed and flushes the wrapped stream. It does not cut the
     * current block short, so flushing never changes the output.
     */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        try {
            writeHeaderOnce();
            drain(false);
            out.flush();
        } catch (IOException e) {
            // A block may be lost: the stream cannot go on.
            fail(e);
            throw e;
        }
    }

    /**
     * Compresses what is left, writes the gzip trailer and closes the wrapped stream. After a
     * failure that an earlier call already threw, it only closes the wrapped stream.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            if (failure != null) {
                return;
            }
            writeHeaderOnce();
            submit(true);
            while (!inFlight.isEmpty()) {
                drain(true);
            }
            writeTrailer();
        } catch (IOException e) {
            fail(e);
            throw e;
        } finally {
            inFlight.clear();
            block = null;
            previous = null;
        }
    }

    private void ensureOpen() throws IOException {
        if (failure != null) {
            throw new IOException("gzip stream failed earlier", failure);
        }
        if (closed) {
            throw new IOException("gzip stream is closed");
        }
    }

    private void submit(boolean last) throws IOException {
        byte[] data = block;
        int length = blockLength;
        byte[] dictionary = previous;
        block = last ? null : new byte[blockSize];
        blockLength = 0;
        previous = data;
        try {
            writeHeaderOnce();
            if (last && dictionary == null) {
                // The whole input fits in one block: no thread is worth starting.
                out.write(BlockDeflater.deflate(level, data, length, null, true));
                return;
            }
            if (inFlight.size() >= maxInFlight) {
                drain(true);
            }
            CompletableFuture<byte[]> task;
            try {
                task = CompletableFuture.supplyAsync(
                        () -> BlockDeflater.deflate(level, data, length, dictionary, last), executor);
            } catch (RejectedExecutionException e) {
                throw new IOException("gzip worker pool refused a block", e);
            }
            inFlight.addLast(task);
            drain(false);
        } catch (IOException e) {
            fail(e);
            throw e;
        }
    }

    /** Writes finished blocks in order; with {@code waitForOne}, first waits for the oldest. */
    private void drain(boolean waitForOne) throws IOException {
        boolean wait = waitForOne;
        while (!inFlight.isEmpty() && (wait || inFlight.peekFirst().isDone())) {
            out.write(await(inFlight.pollFirst()));
            wait = false;
        }
    }

    private static byte[] await(CompletableFuture<byte[]> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a gzip block");
        } catch (ExecutionException e) {
            throw new IOException("compressing a gzip block failed: " + e.getCause(), e.getCause());
        }
    }

    private void fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
        // Blocks still being compressed finish on their own; nobody waits for them.
        inFlight.clear();
    }

    private void writeHeaderOnce() throws IOException {
        if (headerWritten) {
            return;
        }
        headerWritten = true;
        int xfl = level == Deflater.BEST_COMPRESSION ? 2 : level == Deflater.BEST_SPEED ? 4 : 0;
        out.write(new byte[] {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, (byte) xfl, (byte) OS_UNKNOWN});
    }

    private void writeTrailer() throws IOException {
        byte[] trailer = new byte[8];
        putIntLittleEndian(trailer, 0, (int) crc.getValue());
        putIntLittleEndian(trailer, 4, (int) totalIn); // ISIZE is the length modulo 2^32
        out.write(trailer);
    }

    private static void putIntLittleEndian(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
