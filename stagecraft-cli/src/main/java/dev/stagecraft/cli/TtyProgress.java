package dev.stagecraft.cli;

import dev.stagecraft.api.event.BuildListener;
import dev.stagecraft.api.event.BuildStep;
import dev.stagecraft.api.event.CacheMiss;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * BuildKit's interactive progress on a terminal: the {@link BuildScreen} redrawn in place with
 * ANSI cursor movement, ten times a second from a timer thread (so running times tick) and at
 * most that often on events. Each frame is written at once: the cursor goes up over the previous
 * frame, every line is rewritten and what is left below is erased, so nothing blinks. While the
 * build runs the frame is cut to the terminal's height (the header and the latest lines), since
 * the cursor cannot go back up into lines scrolled away; {@link #finish} leaves every step.
 */
final class TtyProgress implements BuildListener, AutoCloseable {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final String ESC = "\u001b[";
    private static final String DIM = ESC + "2m";
    private static final String NORMAL = ESC + "0m";

    private final PrintWriter out;
    private final LongSupplier clock;
    private final int width;
    private final int height;
    private final BuildScreen screen;
    private ScheduledExecutorService timer;
    private int drawn;
    private long lastDraw;
    private boolean finished;

    /**
     * A display on {@code out}, with no timer: frames are drawn on events (at most ten a second
     * by {@code clock}) and by {@link #finish}.
     *
     * @param clock  nanoseconds, as {@link System#nanoTime()}
     * @param width  the terminal's columns
     * @param height the terminal's rows
     */
    TtyProgress(PrintWriter out, LongSupplier clock, int width, int height) {
        this.out = out;
        this.clock = clock;
        this.width = Math.max(20, width);
        this.height = Math.max(4, height);
        this.screen = new BuildScreen(clock.getAsLong());
        this.lastDraw = Long.MIN_VALUE / 2;
    }

    /** A display on the terminal {@code out} writes to, redrawn by a timer thread until {@link #finish}. */
    static TtyProgress started(PrintWriter out, Tty.Size size) {
        TtyProgress p = new TtyProgress(out, System::nanoTime, size.columns(), size.rows());
        p.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stagecraft-progress");
            t.setDaemon(true);
            return t;
        });
        p.timer.scheduleAtFixedRate(p::tick, REDRAW_NANOS, REDRAW_NANOS, TimeUnit.NANOSECONDS);
        return p;
    }

    private synchronized void tick() {
        if (!finished && screen.started()) {
            draw(false);
        }
    }

    private void changed() {
        long now = clock.getAsLong();
        if (!finished && now - lastDraw >= REDRAW_NANOS) {
            draw(false);
        }
    }

    @Override
    public synchronized void stepStarted(BuildStep step) {
        screen.started(step, clock.getAsLong());
        changed();
    }

    @Override
    public synchronized void stepLog(BuildStep step, int stream, byte[] bytes, int offset, int length) {
        screen.log(step, bytes, offset, length, clock.getAsLong());
        changed();
    }

    @Override
    public synchronized void stepCached(BuildStep step) {
        screen.cached(step, clock.getAsLong());
        changed();
    }

    @Override
    public synchronized void stepCompleted(BuildStep step, Duration took) {
        screen.completed(step, took.toNanos(), clock.getAsLong());
        changed();
    }

    @Override
    public synchronized void stepFailed(BuildStep step, String error, boolean cancelled) {
        screen.failed(step, cancelled, clock.getAsLong());
        changed();
    }

    @Override
    public synchronized void cacheMisses(List<CacheMiss> misses) {
        screen.cacheMisses(misses);
        changed();
    }

    @Override
    public synchronized void warning(String message) {
        screen.note("WARNING: " + message);
        changed();
    }

    /**
     * Stops the timer and leaves the final screen: every step with its status and time, then a
     * summary line ({@code built in 3.2s: 4 steps run, 2 cached}, or {@code failed after ...}).
     * Draws nothing when no step ever started. Later calls do nothing.
     */
    synchronized void finish(boolean failed) {
        if (finished) {
            return;
        }
        stopTimer();
        finished = true;
        if (!screen.started()) {
            // Nothing was built (the request was refused): the error alone says it.
            return;
        }
        long now = clock.getAsLong();
        screen.finish(now);
        draw(true);
        int[] counts = screen.counts();
        out.print((failed ? "failed after " : "built in ") + screen.elapsed(now) + ": " + counts[0] + plural(counts[0], " step")
                + " run, " + counts[1] + " cached\n");
        out.flush();
    }

    private static String plural(int n, String word) {
        return n == 1 ? word : word + "s";
    }

    /** Stops the timer without drawing (the build ended by an error of the CLI itself). */
    @Override
    public synchronized void close() {
        stopTimer();
        finished = true;
    }

    private void stopTimer() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    private void draw(boolean all) {
        long now = clock.getAsLong();
        lastDraw = now;
        List<String> lines = screen.lines(now, width);
        if (!all && lines.size() > height - 1) {
            // The header and the latest lines: the cursor cannot reach lines scrolled off the top.
            List<String> cut = new ArrayList<>(height - 1);
            cut.add(lines.get(0));
            cut.addAll(lines.subList(lines.size() - (height - 2), lines.size()));
            lines = cut;
        }
        StringBuilder sb = new StringBuilder();
        if (drawn > 0) {
            sb.append(ESC).append(drawn).append('A');
        }
        for (String line : lines) {
            sb.append('\r').append(ESC).append("2K");
            if (line.startsWith(BuildScreen.LOG_PREFIX)) {
                sb.append(DIM).append(line).append(NORMAL);
            } else {
                sb.append(line);
            }
            sb.append('\n');
        }
        // A collapsed output tail leaves lines below the new frame: erase them.
        sb.append('\r').append(ESC).append('J');
        drawn = lines.size();
        out.print(sb);
        out.flush();
    }
}
