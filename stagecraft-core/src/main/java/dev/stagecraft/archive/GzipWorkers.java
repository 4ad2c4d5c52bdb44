package dev.stagecraft.archive;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool every {@link ParallelGzipOutputStream} of {@link Compression#GZIP} shares: one thread
 * per processor, so concurrent layers share the cores instead of each taking all of them. Not
 * the common ForkJoinPool: on two cores that has one thread, which would halve the speed-up.
 * Idle threads end after a few seconds, so nothing outlives the work.
 */
final class GzipWorkers {
    private static final int PARALLELISM = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ThreadPoolExecutor POOL = create();

    private GzipWorkers() {}

    static Executor pool() {
        return POOL;
    }

    static int parallelism() {
        return PARALLELISM;
    }

    private static ThreadPoolExecutor create() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread t = new Thread(task, "stagecraft-gzip-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                PARALLELISM, PARALLELISM, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
