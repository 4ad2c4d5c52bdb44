package dev.stagecraft.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The process's byte streams, for the commands that move archives through stdin and stdout (picocli
 * only hands out character writers). Tests replace them; nothing else does.
 */
final class Stdio {
    static Supplier<InputStream> in = () -> System.in;
    static Supplier<OutputStream> out = () -> System.out;
    static BooleanSupplier stdoutIsTerminal = Stdio::realStdoutIsTerminal;

    private Stdio() {
    }

    /** Puts the real streams back. */
    static void reset() {
        in = () -> System.in;
        out = () -> System.out;
        stdoutIsTerminal = Stdio::realStdoutIsTerminal;
    }

    /**
     * Java 17 has no isatty. A console exists when stdin and stdout are both terminals; when stdin
     * is a pipe, Linux still names stdout's device in /proc.
     */
    private static boolean realStdoutIsTerminal() {
        if (System.console() != null) {
            return true;
        }
        return Tty.device(1) != null;
    }
}
