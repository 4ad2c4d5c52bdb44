package dev.stagecraft.cli;

import dev.stagecraft.api.TransferProgress;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Docker-style progress of a pull or a push on a terminal: one line per layer
 * ({@code a1b2c3d4e5f6: Downloading [=====>   ] 12.3MB/45.6MB}, {@code Pull complete},
 * {@code Layer already exists}, ...), redrawn in place at most ten times a second and once more
 * at the end. The lines themselves come from {@link Screen}, a pure function of the events.
 */
final class TransferDisplay implements TransferProgress {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final String ESC = "\u001b[";

    private final PrintWriter out;
    private final Screen screen;
    private final LongSupplier nanoTime;
    private long lastDraw;
    private boolean everDrawn;
    private int drawn;

    TransferDisplay(PrintWriter out, Direction direction) {
        this(out, direction, System::nanoTime);
    }

    /** @param nanoTime the clock that paces redraws */
    TransferDisplay(PrintWriter out, Direction direction, LongSupplier nanoTime) {
        this.out = out;
        this.screen = new Screen(direction);
        this.nanoTime = nanoTime;
    }

    /** Whether progress is worth drawing: a console that understands cursor movement. */
    static boolean onTerminal() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.isBlank() && !term.equals("dumb");
    }

    @Override
    public synchronized void onEvent(Event event) {
        boolean changed = screen.apply(event);
        long now = nanoTime.getAsLong();
        if (changed && (!everDrawn || now - lastDraw >= REDRAW_NANOS)) {
            draw();
            everDrawn = true;
            lastDraw = now;
        }
    }

    /** Draws the final state of every line. */
    synchronized void finish() {
        draw();
    }

    private void draw() {
        List<String> lines = screen.lines();
        StringBuilder sb = new StringBuilder();
        if (drawn > 0) {
            sb.append(ESC).append(drawn).append('A');
        }
        for (String line : lines) {
            sb.append('\r').append(ESC).append("2K").append(line).append('\n');
        }
        drawn = lines.size();
        out.print(sb);
        out.flush();
    }

    /** Pull or push: the words differ. */
    enum Direction { PULL, PUSH }

    /** The lines a sequence of events leaves on the screen, one per layer in order of first appearance. */
    static final class Screen {
        private static final int BAR_WIDTH = 50;

        private final Direction direction;
        private final Map<String, String> lines = new LinkedHashMap<>();

        Screen(Direction direction) {
            this.direction = direction;
        }

        /** The screen after {@code events}, from an empty one. */
        static List<String> render(Direction direction, List<Event> events) {
            Screen screen = new Screen(direction);
            events.forEach(screen::apply);
            return screen.lines();
        }

        /**
         * Takes one event into account.
         *
         * @return whether a line changed
         */
        boolean apply(Event event) {
            if (!event.layer()) {
                // docker shows layers only; the config is small and its own line would confuse.
                return false;
            }
            String line = event.shortId() + ": " + status(event);
            return !line.equals(lines.put(event.shortId(), line));
        }

        List<String> lines() {
            return new ArrayList<>(lines.values());
        }

        private String status(Event e) {
            boolean pull = direction == Direction.PULL;
            return switch (e.status()) {
                case WAITING -> pull ? "Pulling fs layer" : "Preparing";
                case DOWNLOADING -> "Downloading " + bar(e.current(), e.total());
                case VERIFYING -> "Verifying Checksum";
                case DONE -> "Pull complete";
                case ALREADY_EXISTS -> pull ? "Already exists" : "Layer already exists";
                case UPLOADING -> "Pushing " + bar(e.current(), e.total());
                case MOUNTED -> "Mounted from " + e.detail();
                case PUSHED -> "Pushed";
            };
        }

        /** {@code [=====>     ] 12.3MB/45.6MB}, or the bytes alone when the size is unknown. */
        static String bar(long current, long total) {
            if (total <= 0) {
                return ImageCommands.humanSize(current);
            }
            long clamped = Math.max(0, Math.min(current, total));
            int filled = (int) (BAR_WIDTH * clamped / total);
            int arrow = filled < BAR_WIDTH ? 1 : 0;
            return "[" + "=".repeat(filled) + ">".repeat(arrow) + " ".repeat(BAR_WIDTH - filled - arrow) + "] "
                    + ImageCommands.humanSize(clamped) + "/" + ImageCommands.humanSize(total);
        }
    }
}
