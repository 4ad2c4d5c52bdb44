package dev.stagecraft.dockerfile;

/**
 * An inclusive range of 1-based physical line numbers in a Dockerfile.
 *
 * @param startLine first line of the instruction (where its keyword stands)
 * @param endLine   last line, after continuations and heredoc bodies
 */
public record SourceRange(int startLine, int endLine) {
    public SourceRange {
        if (startLine < 0 || endLine < startLine) {
            throw new IllegalArgumentException("bad source range " + startLine + "-" + endLine);
        }
    }

    /** A range covering a single line. */
    public static SourceRange line(int line) {
        return new SourceRange(line, line);
    }

    @Override
    public String toString() {
        return startLine == endLine ? Integer.toString(startLine) : startLine + "-" + endLine;
    }
}
