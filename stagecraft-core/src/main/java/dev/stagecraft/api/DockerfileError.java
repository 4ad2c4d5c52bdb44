package dev.stagecraft.api;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.SourceRange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Dockerfile problem, with the file it is in and an excerpt of the lines concerned, the way
 * {@code docker build} shows them:
 *
 * <pre>
 * Dockerfile:3
 * --------------------
 *    2 |     FROM alpine
 *    3 | &gt;&gt;&gt; RUNN echo hi
 * --------------------
 * </pre>
 */
public final class DockerfileError extends StagecraftException {
    private static final long serialVersionUID = 1L;
    private static final int CONTEXT_LINES = 2;

    private final Path file;
    private final transient List<SourceRange> locations;
    private final String excerpt;

    DockerfileError(Path file, byte[] content, DockerfileException cause) {
        super(cause.getMessage(), cause);
        this.file = file;
        this.locations = cause.locations();
        this.excerpt = excerpt(file, content, cause.locations());
    }

    /** The Dockerfile the error is in. */
    public Path file() {
        return file;
    }

    /** The first line concerned, or 0 when the error is about the whole file. */
    public int line() {
        return locations.isEmpty() ? 0 : locations.get(0).startLine();
    }

    /** The source excerpt, or "" when the error has no location. */
    public String excerpt() {
        return excerpt;
    }

    static String excerpt(Path file, byte[] content, List<SourceRange> ranges) {
        if (ranges.isEmpty()) {
            return "";
        }
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        String[] lines = text.split("\r?\n", -1);
        StringBuilder sb = new StringBuilder();
        for (SourceRange r : ranges) {
            if (r.startLine() < 1 || r.startLine() > lines.length) {
                continue;
            }
            int end = Math.min(r.endLine(), lines.length);
            sb.append(file.getFileName()).append(':').append(r.startLine());
            if (end > r.startLine()) {
                sb.append('-').append(end);
            }
            sb.append('\n').append("--------------------\n");
            int from = Math.max(1, r.startLine() - CONTEXT_LINES);
            int to = Math.min(lines.length, end + CONTEXT_LINES);
            List<String> shown = new ArrayList<>();
            for (int i = from; i <= to; i++) {
                boolean mark = i >= r.startLine() && i <= end;
                shown.add(String.format(" %3d | %s %s", i, mark ? ">>>" : "   ", lines[i - 1]).stripTrailing());
            }
            sb.append(String.join("\n", shown)).append('\n').append("--------------------\n");
        }
        return sb.toString();
    }
}
