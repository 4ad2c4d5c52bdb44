package dev.stagecraft.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reports the bytes read through it to a {@link BlobProgress}, at most once per 64 KiB read. */
final class CountingInputStream extends FilterInputStream {
    private static final long REPORT_EVERY = 64 * 1024;

    private final BlobProgress progress;
    private long count;
    private long reported;

    CountingInputStream(InputStream in, BlobProgress progress) {
        super(in);
        this.progress = progress;
        progress.transferred(0);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        } else {
            flush();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            advance(n);
        } else if (n < 0) {
            flush();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        advance(skipped);
        return skipped;
    }

    private void advance(long n) {
        count += n;
        if (count - reported >= REPORT_EVERY) {
            flush();
        }
    }

    private void flush() {
        if (count != reported) {
            reported = count;
            progress.transferred(count);
        }
    }
}
