package dev.stagecraft.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.graph.ContextSourceOp;
import dev.stagecraft.graph.MergeOp;
import dev.stagecraft.graph.Vertex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SolverTest {
    private static Vertex source(String name) {
        return new Vertex(new ContextSourceOp(name), List.of(), name);
    }

    private static Vertex merge(String name, Vertex... inputs) {
        return new Vertex(new MergeOp(), List.of(inputs), name);
    }

    @Test
    void runsEachVertexAfterItsInputsAndPassesTheirResultsInOrder() throws Exception {
        Vertex a = source("a");
        Vertex b = source("b");
        Vertex top = merge("top", a, b);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Solver<String> solver = new Solver<>((v, inputs, log) -> {
            order.add(v.name());
            return v.name() + inputs;
        }, SolveListener.NONE, 2);

        assertThat(solver.solve(top)).isEqualTo("top[a[], b[]]");
        assertThat(order.indexOf("top")).isEqualTo(2);
    }

    @Test
    void identicalVerticesRunOnce() throws Exception {
        // Two stages that both start from the same source: equal definitions, one run.
        Vertex shared1 = source("same");
        Vertex shared2 = new Vertex(new ContextSourceOp("same"), List.of(), "other name");
        Vertex top = merge("top", merge("left", shared1), merge("right", shared2));
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Solver<Integer> solver = new Solver<>((v, inputs, log) -> {
            runs.computeIfAbsent(v.digest(), k -> new AtomicInteger()).incrementAndGet();
            return 1;
        }, SolveListener.NONE, 2);

        solver.solve(top);

        assertThat(runs.get(shared1.digest())).hasValue(1);
        assertThat(runs).hasSize(3); // same, left/right (equal definitions too), top
    }

    @Test
    void independentVerticesRunAtTheSameTime() throws Exception {
        Vertex a = source("a");
        Vertex b = source("b");
        CountDownLatch bothStarted = new CountDownLatch(2);
        Solver<Boolean> solver = new Solver<>((v, inputs, log) -> {
            if (v.inputs().isEmpty()) {
                bothStarted.countDown();
                // Each source waits for the other: only concurrent execution lets both finish.
                return bothStarted.await(30, TimeUnit.SECONDS);
            }
            return inputs.stream().allMatch(x -> x);
        }, SolveListener.NONE, 2);

        assertThat(solver.solve(merge("top", a, b))).isTrue();
    }

    @Test
    void aFailureInterruptsRunningStepsAndSkipsDependents() {
        Vertex slow = source("slow");
        Vertex failing = source("failing");
        Vertex after = merge("after", failing);
        CountDownLatch slowRunning = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        Solver<String> solver = new Solver<>((v, inputs, log) -> {
            ran.add(v.name());
            if (v == slow) {
                slowRunning.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                    throw e;
                }
            }
            if (v == failing) {
                slowRunning.await();
                byte[] out = "line 1\nline 2\nboom".getBytes(StandardCharsets.UTF_8);
                log.write(2, out, 0, out.length);
                throw new IllegalStateException("exit code: 3");
            }
            return v.name();
        }, SolveListener.NONE, 2);

        assertThatThrownBy(() -> solver.solve(merge("top", slow, after)))
                .isInstanceOfSatisfying(SolveException.class, e -> {
                    assertThat(e.vertex()).isEqualTo(failing);
                    assertThat(e.getMessage()).isEqualTo("exit code: 3");
                    assertThat(e.outputTail()).containsExactly("line 1", "line 2", "boom");
                });
        assertThat(interrupted).hasValue(1);
        assertThat(ran).doesNotContain("after", "top");
    }

    @Test
    void listenerHearsStartLogAndCompletion() throws Exception {
        Vertex a = source("a");
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        SolveListener listener = new SolveListener() {
            @Override
            public void started(Vertex vertex) {
                events.add("start " + vertex.name());
            }

            @Override
            public void log(Vertex vertex, int stream, byte[] bytes, int offset, int length) {
                events.add("log " + stream + " " + new String(bytes, offset, length, StandardCharsets.UTF_8));
            }

            @Override
            public void completed(Vertex vertex, java.time.Duration took) {
                events.add("done " + vertex.name());
            }
        };
        new Solver<String>((v, inputs, log) -> {
            log.write(1, "hi".getBytes(StandardCharsets.UTF_8), 0, 2);
            return "";
        }, listener, 1).solve(a);

        assertThat(events).containsExactly("start a", "log 1 hi", "done a");
    }

    @Test
    void cancelStopsARunningBuild() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Solver<String> solver = new Solver<>((v, inputs, log) -> {
            started.countDown();
            new CountDownLatch(1).await();
            return "";
        }, SolveListener.NONE, 1);
        Thread canceller = new Thread(() -> {
            try {
                started.await();
                solver.cancel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        canceller.start();

        assertThatThrownBy(() -> solver.solve(source("forever"))).isInstanceOf(InterruptedException.class);
        canceller.join();
    }
}
