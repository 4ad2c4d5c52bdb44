package dev.stagecraft.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the process's standard streams are connected to. Java 17 has no {@code isatty}, and
 * {@link System#console()} speaks of stdin and stdout only; on Linux {@code /proc/self/fd/2}
 * names stderr's device, a terminal when it is {@code /dev/pts/N}, {@code /dev/ttyN} or
 * {@code /dev/console}.
 */
final class Tty {
    /** A terminal's size in character cells. */
    record Size(int columns, int rows) {
    }

    private static final Size DEFAULT = new Size(80, 24);

    private Tty() {
    }

    /** The device stderr writes to, or null when that is not a terminal (a file, a pipe, /dev/null). */
    static Path stderrDevice() {
        return device(2);
    }

    /** The terminal file descriptor {@code fd} of this process writes to, or null when it is not one. */
    static Path device(int fd) {
        try {
            Path device = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd));
            String d = device.toString();
            return d.startsWith("/dev/pts/") || d.startsWith("/dev/tty") || d.equals("/dev/console") ? device : null;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * Whether interactive progress belongs on stderr: it is a terminal and {@code TERM} names one
     * that understands cursor movement (not unset, not {@code dumb}).
     */
    static boolean stderrIsInteractive(Map<String, String> env) {
        String term = env.get("TERM");
        return term != null && !term.isBlank() && !term.equals("dumb") && stderrDevice() != null;
    }

    /**
     * The size of stderr's terminal: {@code stty size} on its device (Java cannot ask the kernel
     * itself), else {@code COLUMNS} and {@code LINES}, else 80x24.
     */
    static Size stderrSize(Map<String, String> env) {
        Path device = stderrDevice();
        if (device != null) {
            try {
                Process p = new ProcessBuilder("stty", "-F", device.toString(), "size")
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String[] rowsColumns = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                        .strip().split("\\s+");
                if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && rowsColumns.length == 2) {
                    int rows = Integer.parseInt(rowsColumns[0]);
                    int columns = Integer.parseInt(rowsColumns[1]);
                    if (rows > 0 && columns > 0) {
                        return new Size(columns, rows);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // no stty, or a device it cannot ask: the environment or the default below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Size(positive(env.get("COLUMNS"), DEFAULT.columns()), positive(env.get("LINES"), DEFAULT.rows()));
    }

    private static int positive(String value, int otherwise) {
        try {
            int n = value == null ? 0 : Integer.parseInt(value.strip());
            return n > 0 ? n : otherwise;
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
