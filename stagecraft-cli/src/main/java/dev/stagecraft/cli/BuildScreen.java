package dev.stagecraft.cli;

import dev.stagecraft.api.event.BuildStep;
import dev.stagecraft.api.event.CacheMiss;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What BuildKit's interactive progress shows, as plain lines: a header
 * {@code [+] Building 12.3s (7/9)}, one line per step in order of first appearance
 * ({@code => [build 2/4] RUN make  3.1s}, {@code => CACHED ...}, {@code => ERROR ...},
 * {@code => CANCELED ...}) and, under each running step, the last {@value #TAIL} lines of its output
 * ({@code  => # line}). A pure function of the events and the times given; not thread-safe.
 */
final class BuildScreen {
    /** Output lines kept under a running (or failed) step. */
    static final int TAIL = 6;
    /** Marks an output line, so that a renderer can dim it. */
    static final String LOG_PREFIX = " => # ";

    private enum Status { RUNNING, DONE, CACHED, ERROR, CANCELED }

    private static final class Step {
        final BuildStep step;
        final long start;
        long tookNanos;
        Status status = Status.RUNNING;
        final Deque<String> tail = new ArrayDeque<>();
        final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        Step(BuildStep step, long start) {
            this.step = step;
            this.start = start;
        }
    }

    private final long start;
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private long end = -1;

    /** @param start when the build started, in {@link System#nanoTime()} terms */
    BuildScreen(long start) {
        this.start = start;
    }

    private Step step(BuildStep step, long now) {
        return steps.computeIfAbsent(step.id(), k -> new Step(step, now));
    }

    void started(BuildStep step, long now) {
        step(step, now).status = Status.RUNNING;
    }

    void cached(BuildStep step, long now) {
        Step s = step(step, now);
        s.status = Status.CACHED;
        s.tookNanos = 0;
    }

    void completed(BuildStep step, long tookNanos, long now) {
        Step s = step(step, now);
        endLine(s);
        s.status = Status.DONE;
        s.tookNanos = tookNanos;
        s.tail.clear();
    }

    void failed(BuildStep step, boolean cancelled, long now) {
        Step s = step(step, now);
        endLine(s);
        s.status = cancelled ? Status.CANCELED : Status.ERROR;
        s.tookNanos = now - s.start;
        if (cancelled) {
            s.tail.clear();
        }
    }

    /** Takes output of a step; only whole lines show, the last {@value #TAIL} of them. */
    void log(BuildStep step, byte[] bytes, int offset, int length, long now) {
        Step s = step(step, now);
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                endLine(s);
            } else {
                s.partial.write(bytes[i]);
            }
        }
    }

    private static void endLine(Step s) {
        if (s.partial.size() == 0) {
            return;
        }
        String text = s.partial.toString(StandardCharsets.UTF_8);
        s.partial.reset();
        // A progress bar rewrites its line with CR: what shows last is what the terminal would keep.
        int cr = text.lastIndexOf('\r', text.length() - 2);
        text = printable(cr >= 0 ? text.substring(cr + 1) : text);
        s.tail.addLast(text);
        while (s.tail.size() > TAIL) {
            s.tail.removeFirst();
        }
    }

    /** The text without control characters, which would move the cursor under the display. */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\t') {
                sb.append("    ");
            } else if (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0)) {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    /** A line shown after the steps ({@code WARNING: ...}). */
    void note(String line) {
        notes.add(printable(line));
    }

    void cacheMisses(List<CacheMiss> misses) {
        for (CacheMiss m : misses) {
            notes.add(printable(m.step().name() + " : " + m.reason()));
        }
    }

    /** The build ended: times stop, running steps show as they were left. */
    void finish(long now) {
        end = now;
        for (Step s : steps.values()) {
            endLine(s);
        }
    }

    /** Whether any step has shown up. */
    boolean started() {
        return !steps.isEmpty() || !notes.isEmpty();
    }

    /** How long the build has taken at {@code now}, or took when finished ({@code 12.3s}). */
    String elapsed(long now) {
        return seconds((end >= 0 ? end : now) - start);
    }

    /** Steps run to completion and steps the cache had. */
    int[] counts() {
        int run = 0;
        int cached = 0;
        for (Step s : steps.values()) {
            if (s.status == Status.DONE) {
                run++;
            } else if (s.status == Status.CACHED) {
                cached++;
            }
        }
        return new int[] {run, cached};
    }

    /**
     * The screen at {@code now}, each line at most {@code width - 1} characters (the last column
     * is left free so that no terminal wraps).
     */
    List<String> lines(long now, int width) {
        boolean finished = end >= 0;
        long at = finished ? end : now;
        int[] counts = counts();
        List<String> lines = new ArrayList<>();
        lines.add(fit("[+] Building " + elapsed(now) + " (" + (counts[0] + counts[1]) + "/" + steps.size()
                + ")" + (finished ? " FINISHED" : ""), width));
        for (Step s : steps.values()) {
            long took = s.status == Status.RUNNING ? at - s.start : s.tookNanos;
            String prefix = switch (s.status) {
                case CACHED -> "=> CACHED ";
                case ERROR -> "=> ERROR ";
                case CANCELED -> "=> CANCELED ";
                default -> "=> ";
            };
            lines.add(withTime(prefix + printable(s.step.name()), seconds(took), width));
            if (s.status == Status.RUNNING || s.status == Status.ERROR) {
                for (String l : s.tail) {
                    lines.add(fit(LOG_PREFIX + l, width));
                }
            }
        }
        for (String note : notes) {
            lines.add(fit(note, width));
        }
        return lines;
    }

    /** {@code text} and the time at the right edge, the text cut to leave room. */
    private static String withTime(String text, String time, int width) {
        int room = width - 1 - time.length() - 1;
        if (room < 8) {
            return fit(text + " " + time, width);
        }
        String cut = fit(text, room + 1);
        int pad = room - cut.codePointCount(0, cut.length()) + 1;
        return cut + " ".repeat(pad) + time;
    }

    /** At most {@code width - 1} code points. */
    static String fit(String text, int width) {
        int max = Math.max(1, width - 1);
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max));
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1fs", Math.max(0, nanos) / 1e9);
    }
}
