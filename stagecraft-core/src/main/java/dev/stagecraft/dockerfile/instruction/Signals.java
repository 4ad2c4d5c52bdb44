package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.DockerfileException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * STOPSIGNAL validation, as moby/sys/signal {@code ParseSignal} does it on Linux: a signal name
 * with or without {@code SIG} (any case), or a non-zero number.
 */
public final class Signals {
    private static final Map<String, Integer> LINUX = new HashMap<>();

    static {
        String[] names = {"HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV",
            "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
            "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};
        for (int i = 0; i < names.length; i++) {
            LINUX.put(names[i], i + 1);
        }
        LINUX.put("IOT", 6);
        LINUX.put("CLD", 17);
        LINUX.put("POLL", 29);
        int rtmin = 34;
        int rtmax = 64;
        LINUX.put("RTMIN", rtmin);
        LINUX.put("RTMAX", rtmax);
        for (int i = 1; i <= 15; i++) {
            LINUX.put("RTMIN+" + i, rtmin + i);
        }
        for (int i = 1; i <= 14; i++) {
            LINUX.put("RTMAX-" + i, rtmax - i);
        }
    }

    private Signals() {
    }

    /**
     * Checks a (expanded) STOPSIGNAL value.
     *
     * @return the signal number; note that, as in moby, any non-zero number is accepted as is
     * @throws DockerfileException {@code invalid signal: <value>}
     */
    public static int validate(String signal) {
        Long number = goAtoi(signal);
        if (number != null) {
            if (number == 0) {
                throw invalid(signal);
            }
            return number.intValue();
        }
        String name = signal.toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        Integer known = LINUX.get(name);
        if (known == null) {
            throw invalid(signal);
        }
        return known;
    }

    /** {@code strconv.Atoi}: optional sign, ASCII digits, 64-bit range; null when it fails. */
    private static Long goAtoi(String s) {
        String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static DockerfileException invalid(String signal) {
        return new DockerfileException("invalid signal: " + signal);
    }
}
