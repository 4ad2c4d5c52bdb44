package dev.stagecraft.archive;

import static dev.stagecraft.archive.GzipSamples.BLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ParallelGzipFailureTest {
    /** A sink that accepts {@code limit} bytes and then fails, like a full disk. */
    private static class FullDisk extends OutputStream {
        private final int limit;
        private int written;
        private boolean closed;

        FullDisk(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (written + len > limit) {
                throw new IOException("No space left on device");
            }
            written += len;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final byte[] data = GzipSamples.mixed(10 * BLOCK + 7, 3);

    @Test
    void aFailingSinkFailsTheWriteAndCloseStillCloses() throws IOException {
        FullDisk disk = new FullDisk(0);
        OutputStream gz = new ParallelGzipOutputStream(disk, 6, GzipWorkers.pool(), 2);

        assertThatThrownBy(() -> gz.write(data)).isInstanceOf(IOException.class).hasMessage("No space left on device");
        assertThatThrownBy(() -> gz.write(1)).isInstanceOf(IOException.class).hasRootCauseMessage("No space left on device");
        assertThatCode(gz::close).doesNotThrowAnyException();
        assertThat(disk.closed).isTrue();
    }

    @Test
    void aSinkFailingMidStreamFailsWriteOrClose() {
        FullDisk disk = new FullDisk(BLOCK);
        OutputStream gz = new ParallelGzipOutputStream(disk, 6, GzipWorkers.pool(), 2);

        assertThatThrownBy(() -> {
                    gz.write(data);
                    gz.close();
                })
                .isInstanceOf(IOException.class)
                .hasMessage("No space left on device");
        assertThatCode(gz::close).doesNotThrowAnyException();
        assertThat(disk.closed).isTrue();
    }

    @Test
    void aFailedFlushEndsTheStream() throws IOException {
        FullDisk disk = new FullDisk(Integer.MAX_VALUE) {
            @Override
            public void flush() throws IOException {
                throw new IOException("Input/output error");
            }
        };
        OutputStream gz = new ParallelGzipOutputStream(disk, 6, GzipWorkers.pool(), 2);
        gz.write(data, 0, BLOCK + 1);

        assertThatThrownBy(gz::flush).isInstanceOf(IOException.class).hasMessage("Input/output error");
        assertThatThrownBy(() -> gz.write(data)).isInstanceOf(IOException.class).hasMessage("gzip stream failed earlier");
        gz.close();
        assertThat(disk.closed).isTrue();
    }

    @Test
    void aSmallInputFailingInCloseReportsItThere() {
        FullDisk disk = new FullDisk(12);
        OutputStream gz = new ParallelGzipOutputStream(disk, 6, GzipWorkers.pool(), 2);

        assertThatCode(() -> gz.write(new byte[100])).doesNotThrowAnyException();
        assertThatThrownBy(gz::close).isInstanceOf(IOException.class).hasMessage("No space left on device");
        assertThat(disk.closed).isTrue();
    }

    @Test
    void aPoolThatRefusesWorkIsAnIOException() throws IOException {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.shutdown();
        FullDisk disk = new FullDisk(Integer.MAX_VALUE);
        OutputStream gz = new ParallelGzipOutputStream(disk, 6, pool, 2);

        assertThatThrownBy(() -> gz.write(data))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("refused");
        gz.close();
        assertThat(disk.closed).isTrue();
    }

    @Test
    void closeAfterAnInterruptedWaitDoesNotWaitForBlocksInFlight() throws IOException {
        // Tasks are parked and never run: waiting for any of them would hang the test.
        List<Runnable> parked = new ArrayList<>();
        Executor never = parked::add;
        FullDisk disk = new FullDisk(Integer.MAX_VALUE);
        OutputStream gz = new ParallelGzipOutputStream(disk, 6, never, 1);

        Thread.currentThread().interrupt();
        try {
            // The third full block finds two in flight, the most parallelism 1 allows, and waits.
            assertThatThrownBy(() -> gz.write(data, 0, 3 * BLOCK + 1)).isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(parked).hasSize(2);
        gz.close();
        assertThat(disk.closed).isTrue();
    }

    @Test
    void writingAfterCloseFails() throws IOException {
        OutputStream gz = new ParallelGzipOutputStream(new FullDisk(Integer.MAX_VALUE));
        gz.close();
        assertThatThrownBy(() -> gz.write(0)).isInstanceOf(IOException.class).hasMessage("gzip stream is closed");
        assertThatCode(gz::close).doesNotThrowAnyException();
    }
}
