package dev.stagecraft.image.transfer;

import dev.stagecraft.StagecraftException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Runs blob transfers on a bounded pool; the first failure cancels the rest. */
final class Parallel {
    private Parallel() {}

    /**
     * Runs every task and waits for all of them on the calling thread (never on a pool thread, so
     * a saturated pool cannot deadlock).
     *
     * @throws StagecraftException the first failure, after the other tasks were cancelled
     */
    static void runAll(ExecutorService executor, List<Callable<Void>> tasks) {
        ExecutorCompletionService<Void> completion = new ExecutorCompletionService<>(executor);
        List<Future<Void>> futures = new ArrayList<>();
        for (Callable<Void> task : tasks) {
            futures.add(completion.submit(task));
        }
        try {
            for (int i = 0; i < futures.size(); i++) {
                completion.take().get();
            }
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new StagecraftException(cause.getMessage(), cause);
        } catch (InterruptedException | CancellationException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new StagecraftException("interrupted while transferring blobs", e);
        }
    }
}
