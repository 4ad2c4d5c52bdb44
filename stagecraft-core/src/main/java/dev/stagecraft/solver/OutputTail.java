package dev.stagecraft.solver;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/** The last lines a step wrote, kept for its error message. Thread-safe. */
final class OutputTail {
    private static final int MAX_LINE_BYTES = 4096;

    private final int lines;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    OutputTail(int lines) {
        this.lines = lines;
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                push();
            } else if (partial.size() < MAX_LINE_BYTES) {
                partial.write(b);
            }
        }
    }

    private void push() {
        String line = partial.toString(StandardCharsets.UTF_8);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        partial.reset();
        tail.addLast(line);
        while (tail.size() > lines) {
            tail.removeFirst();
        }
    }

    synchronized List<String> lines() {
        if (partial.size() > 0) {
            push();
        }
        return List.copyOf(tail);
    }
}
