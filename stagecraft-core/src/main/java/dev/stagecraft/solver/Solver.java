package dev.stagecraft.solver;

import dev.stagecraft.graph.Vertex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Walks the build graph from a target and runs every vertex it needs once, each as soon as its
 * inputs are ready, at most {@code jobs} at a time.
 *
 * <p>Vertices with equal definition digests are the same work and run once. Nothing the target
 * does not reach runs. Scheduling is future composition: a pool thread runs one vertex and never
 * waits for another, so a small pool cannot deadlock. The first failure stops the build: running
 * steps are interrupted (their runners kill what they started), steps not yet started never start,
 * and {@link #solve} reports that first failure. Before a vertex runs, its cache key is computed
 * from its inputs' keys and results and its result looked up in the {@link ResultCache}; a result
 * found is used as it is, one computed is recorded.
 *
 * @param <R> what a vertex yields
 */
public final class Solver<R> {
    private static final int TAIL_LINES = 10;
    private static final long STOP_WAIT_SECONDS = 60;

    private final OpRunner<R> runner;
    private final ResultCache<R> cache;
    private final SolveListener listener;
    private final int jobs;
    private final Set<Running> running = ConcurrentHashMap.newKeySet();
    private final AtomicReference<SolveException> failure = new AtomicReference<>();
    private volatile boolean cancelled;

    /**
     * @param jobs how many vertices may run at once, at least 1
     */
    public Solver(OpRunner<R> runner, SolveListener listener, int jobs) {
        this(runner, ResultCache.none(), listener, jobs);
    }

    /**
     * @param cache where results are looked up before vertices run, and recorded after
     * @param jobs  how many vertices may run at once, at least 1
     */
    public Solver(OpRunner<R> runner, ResultCache<R> cache, SolveListener listener, int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1: " + jobs);
        }
        this.runner = runner;
        this.cache = cache;
        this.listener = listener;
        this.jobs = jobs;
    }

    /**
     * Runs what {@code target} needs and returns its result.
     *
     * @throws SolveException       the first vertex that failed, with its error and last output
     * @throws InterruptedException the calling thread was interrupted; running steps were stopped
     */
    public R solve(Vertex target) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(jobs, daemonThreads());
        try {
            CompletableFuture<Keyed<R>> result = schedule(target, pool);
            try {
                return result.get().result();
            } catch (ExecutionException e) {
                SolveException first = failure.get();
                if (first != null) {
                    throw first;
                }
                if (cancelled) {
                    throw new InterruptedException("build cancelled");
                }
                throw new IllegalStateException("build failed without a failing step", e.getCause());
            } catch (InterruptedException e) {
                cancel();
                throw e;
            }
        } finally {
            pool.shutdown();
            if (cancelled) {
                awaitStopped(pool);
            }
        }
    }

    /**
     * Waits for interrupted steps to finish stopping (killing containers, undoing mounts), so that
     * a cancelled build returns only once it has cleaned up; an interrupt of this wait is kept for
     * the caller, not obeyed, since returning early would leave that cleanup half done.
     */
    private static void awaitStopped(ExecutorService pool) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
        boolean stopped = false;
        while (!stopped && System.nanoTime() < deadline) {
            try {
                stopped = pool.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the build: running steps are interrupted, steps not yet started never start. */
    public void cancel() {
        cancelled = true;
        for (Running r : running) {
            r.interrupt();
        }
    }

    private CompletableFuture<Keyed<R>> schedule(Vertex target, ExecutorService pool) {
        Map<String, CompletableFuture<Keyed<R>>> futures = new HashMap<>();
        for (Vertex v : target.closure()) {
            List<CompletableFuture<Keyed<R>>> inputs = new ArrayList<>();
            for (Vertex in : v.inputs()) {
                inputs.add(futures.get(in.digest()));
            }
            CompletableFuture<Keyed<R>> f = CompletableFuture.allOf(inputs.toArray(CompletableFuture[]::new))
                    .thenApplyAsync(ignored -> run(v, inputs.stream().map(CompletableFuture::join).toList()), pool);
            futures.put(v.digest(), f);
        }
        return futures.get(target.digest());
    }

    /** A vertex's result with its cache key, which its dependents' keys are made from. */
    private record Keyed<R>(String key, R result) {
    }

    private Keyed<R> run(Vertex v, List<Keyed<R>> keyedInputs) {
        if (cancelled) {
            throw new CancellationException("build cancelled");
        }
        Running me = new Running(Thread.currentThread());
        running.add(me);
        OutputTail tail = new OutputTail(TAIL_LINES);
        long start = System.nanoTime();
        List<R> inputs = keyedInputs.stream().map(Keyed::result).toList();
        boolean started = false;
        try {
            if (cancelled) {
                throw new CancellationException("build cancelled");
            }
            String key = cache.key(v, keyedInputs.stream().map(Keyed::key).toList(), inputs);
            Optional<R> hit = cache.load(v, key);
            if (hit.isPresent()) {
                listener.cached(v, key);
                return new Keyed<>(key, hit.get());
            }
            listener.started(v);
            started = true;
            R result = runner.run(v, inputs, (stream, bytes, offset, length) -> {
                tail.write(bytes, offset, length);
                listener.log(v, stream, bytes, offset, length);
            });
            cache.store(v, key, result);
            listener.completed(v, Duration.ofNanos(System.nanoTime() - start));
            return new Keyed<>(key, result);
        } catch (Exception | Error e) {
            boolean byOthers = cancelled || e instanceof InterruptedException || e instanceof CancellationException;
            if (!started) {
                // A failure computing the key or reading the cache is the step's failure all the same.
                listener.started(v);
            }
            listener.failed(v, e, byOthers);
            if (!byOthers && failure.compareAndSet(null, new SolveException(v, e, tail.lines()))) {
                cancel();
            }
            throw new CompletionException(e);
        } finally {
            me.finish();
            running.remove(me);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "stagecraft-step-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A step on a pool thread; interrupting it must not reach the next task that thread runs. */
    private static final class Running {
        private final Thread thread;
        private boolean done;

        Running(Thread thread) {
            this.thread = thread;
        }

        synchronized void interrupt() {
            if (!done) {
                thread.interrupt();
            }
        }

        synchronized void finish() {
            done = true;
            Thread.interrupted();
        }
    }
}
