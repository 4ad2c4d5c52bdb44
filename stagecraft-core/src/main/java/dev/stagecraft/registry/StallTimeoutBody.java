package dev.stagecraft.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read as an {@link InputStream} that fails with {@link HttpTimeoutException} when
 * the server sends nothing for a while. {@code java.net.http} times out only the wait for the
 * response head; a registry or proxy that stalls in the middle of a layer would otherwise hang a
 * pull forever instead of letting it be retried.
 */
final class StallTimeoutBody implements HttpResponse.BodySubscriber<InputStream> {
    private static final Object END = new Object();
    private static final int WINDOW = 64;

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Duration stall;
    private final Body body = new Body();
    private volatile Flow.Subscription subscription;

    private StallTimeoutBody(Duration stall) {
        this.stall = stall;
    }

    /** A body handler whose streams give up after {@code stall} without data. */
    static HttpResponse.BodyHandler<InputStream> handler(Duration stall) {
        return info -> new StallTimeoutBody(stall);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedFuture(body);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        // A window of buffer lists in flight: enough that the connection never waits for the
        // reader to ask for more (one at a time costs a thread hand-off per 16 KiB and halves
        // the throughput), few enough that memory stays bounded when the disk is the slower side.
        s.request(WINDOW);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        queue.add(throwable);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    private final class Body extends InputStream {
        private Iterator<ByteBuffer> buffers = List.<ByteBuffer>of().iterator();
        private ByteBuffer current = ByteBuffer.allocate(0);
        private boolean done;
        private boolean closed;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (len == 0) {
                return 0;
            }
            while (!current.hasRemaining()) {
                if (buffers.hasNext()) {
                    current = buffers.next();
                    continue;
                }
                if (done || !next()) {
                    return -1;
                }
            }
            int n = Math.min(len, current.remaining());
            current.get(b, off, n);
            return n;
        }

        /** Takes the next list of buffers; false at the end of the body. */
        @SuppressWarnings("unchecked")
        private boolean next() throws IOException {
            Object item;
            try {
                item = queue.poll(stall.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new InterruptedIOException("interrupted while reading a response");
            }
            if (item == null) {
                close();
                throw new HttpTimeoutException("the server sent no data for " + stall.toSeconds() + "s");
            }
            if (item == END) {
                done = true;
                return false;
            }
            if (item instanceof Throwable t) {
                done = true;
                throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
            }
            buffers = ((List<ByteBuffer>) item).iterator();
            subscription.request(1);
            return true;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (!done && subscription != null) {
                    // Cancelling drops the connection rather than draining a body nobody reads.
                    subscription.cancel();
                }
            }
        }
    }
}
