package dev.stagecraft.cli;

import dev.stagecraft.api.event.BuildListener;
import dev.stagecraft.api.event.BuildStep;
import dev.stagecraft.api.event.CacheMiss;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Build progress in BuildKit's plain format: every step numbered {@code #N} when it starts, its
 * output lines prefixed with {@code #N <seconds>}, then {@code #N DONE 1.2s}, {@code #N ERROR: ...}
 * or {@code #N CANCELED}; a step the cache had is its header and {@code #N CACHED}.
 */
final class PlainProgress implements BuildListener {
    private final PrintWriter out;
    private final Map<String, Entry> steps = new HashMap<>();
    private int next = 1;

    PlainProgress(PrintWriter out) {
        this.out = out;
    }

    private static final class Entry {
        final int number;
        final long start = System.nanoTime();
        final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        Entry(int number) {
            this.number = number;
        }
    }

    private Entry entry(BuildStep step) {
        return steps.computeIfAbsent(step.id(), k -> new Entry(next++));
    }

    @Override
    public synchronized void stepStarted(BuildStep step) {
        Entry e = entry(step);
        out.println("#" + e.number + " " + step.name());
        out.flush();
    }

    @Override
    public synchronized void stepCached(BuildStep step) {
        Entry e = entry(step);
        out.println("#" + e.number + " " + step.name());
        out.println("#" + e.number + " CACHED");
        out.flush();
    }

    @Override
    public synchronized void stepLog(BuildStep step, int stream, byte[] bytes, int offset, int length) {
        Entry e = entry(step);
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                flushLine(e);
            } else {
                e.partial.write(bytes[i]);
            }
        }
        out.flush();
    }

    private void flushLine(Entry e) {
        double seconds = (System.nanoTime() - e.start) / 1e9;
        out.println(String.format("#%d %.3f %s", e.number, seconds, e.partial.toString(StandardCharsets.UTF_8)));
        e.partial.reset();
    }

    @Override
    public synchronized void stepCompleted(BuildStep step, Duration took) {
        Entry e = entry(step);
        if (e.partial.size() > 0) {
            flushLine(e);
        }
        out.println(String.format("#%d DONE %.1fs", e.number, took.toMillis() / 1000.0));
        out.flush();
    }

    @Override
    public synchronized void stepFailed(BuildStep step, String error, boolean cancelled) {
        Entry e = entry(step);
        if (e.partial.size() > 0) {
            flushLine(e);
        }
        out.println(cancelled ? "#" + e.number + " CANCELED" : "#" + e.number + " ERROR: " + error);
        out.flush();
    }

    /** One line per missed step, {@code #N <step> : <reason>}, numbered as its progress was. */
    @Override
    public synchronized void cacheMisses(List<CacheMiss> misses) {
        for (CacheMiss m : misses) {
            out.println("#" + entry(m.step()).number + " " + m.step().name() + " : " + m.reason());
        }
        out.flush();
    }

    @Override
    public synchronized void warning(String message) {
        out.println("WARNING: " + message);
        out.flush();
    }
}
