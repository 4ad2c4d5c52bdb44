package dev.stagecraft.dockerfile.parser;

import java.nio.charset.StandardCharsets;

/**
 * The physical lines of a Dockerfile, each with its terminator, numbered from 1.
 *
 * <p>Mirrors BuildKit's line scanner: a line longer than {@value #MAX_LINE_BYTES} bytes (not
 * counting its {@code \n}) stops the scan as if the file ended there, and the failure is only
 * reported once the caller has consumed everything before it. That ordering matters: a too-long
 * first line yields {@code file with no instructions}, a too-long heredoc line yields
 * {@code unterminated heredoc}.
 */
final class PhysicalLines {
    /** Go's {@code bufio.MaxScanTokenSize - 1}. */
    static final int MAX_LINE_BYTES = 65535;

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final byte[] data;
    private int pos;
    private int lineNumber;
    private boolean tooLong;

    PhysicalLines(byte[] data) {
        this.data = data;
    }

    /**
     * The next line with its terminator, or null at the end of the input or at a line that is
     * too long (see {@link #hitTooLongLine()}).
     */
    String next() {
        if (tooLong || pos >= data.length) {
            return null;
        }
        int end = pos;
        while (end < data.length && data[end] != '\n') {
            end++;
        }
        if (end - pos > MAX_LINE_BYTES) {
            tooLong = true;
            return null;
        }
        int start = pos;
        int stop = end < data.length ? end + 1 : end;
        pos = stop;
        lineNumber++;
        if (lineNumber == 1 && startsWithBom(start, stop)) {
            start += BOM.length;
        }
        return new String(data, start, stop - start, StandardCharsets.UTF_8);
    }

    /** The 1-based number of the line last returned by {@link #next()}, 0 before the first. */
    int lineNumber() {
        return lineNumber;
    }

    /** Whether the scan stopped at a line over the limit; that line is {@code lineNumber() + 1}. */
    boolean hitTooLongLine() {
        return tooLong;
    }

    private boolean startsWithBom(int start, int stop) {
        if (stop - start < BOM.length) {
            return false;
        }
        for (int i = 0; i < BOM.length; i++) {
            if (data[start + i] != BOM[i]) {
                return false;
            }
        }
        return true;
    }
}
