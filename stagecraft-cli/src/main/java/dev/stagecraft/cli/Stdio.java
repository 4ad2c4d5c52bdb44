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
    /** Java 17 has no isatty: a console exists only when stdin and stdout are both terminals. */
    static BooleanSupplier stdoutIsTerminal = () -> System.console() != null;

    private Stdio() {
    }

    /** Puts the real streams back. */
    static void reset() {
        in = () -> System.in;
        out = () -> System.out;
        stdoutIsTerminal = () -> System.console() != null;
    }
}
