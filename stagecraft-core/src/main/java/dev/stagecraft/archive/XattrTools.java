package dev.stagecraft.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Extended attributes through {@code getfattr}/{@code setfattr} from Debian's {@code attr}
 * package: the path {@link Xattrs} takes when the system calls cannot be made. One
 * {@code getfattr} process reads a whole tree. Both tools write odd bytes in names as
 * {@code \ooo}; names and paths are unescaped here and escaped for {@code setfattr}, so callers
 * see the same names as through the system calls.
 */
final class XattrTools {
    private XattrTools() {
    }

    /** Whether {@code setfattr} and {@code getfattr} can be run. */
    static boolean present() {
        return Tools.INSTANCE.present;
    }

    /**
     * getfattr's hex dump of the attributes matching the regular expression {@code pattern}
     * ({@code -} for all) of every file under {@code tree}, keyed by path; its complaints about
     * files it cannot read are dropped.
     */
    static Map<Path, Map<String, byte[]>> dump(Path tree, String pattern) throws IOException {
        List<String> command = List.of("getfattr", "--absolute-names", "-R", "-h", "-d", "-e", "hex",
                "-m", pattern, tree.toString());
        Process proc = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        waitFor(proc, command);
        Map<Path, Map<String, byte[]>> out = new HashMap<>();
        Map<String, byte[]> current = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("# file: ")) {
                current = new TreeMap<>();
                out.put(Path.of(unescape(line.substring("# file: ".length()))), current);
                continue;
            }
            int eq = line.indexOf("=0x");
            if (current != null && eq > 0) {
                current.put(unescape(line.substring(0, eq)), HexFormat.of().parseHex(line.substring(eq + 3).strip()));
            }
        }
        return out;
    }

    /** A getfattr pattern matching exactly {@code names}. */
    static String exactly(List<String> names) {
        StringBuilder pattern = new StringBuilder("^(");
        for (int i = 0; i < names.size(); i++) {
            pattern.append(i == 0 ? "" : "|").append(names.get(i).replace(".", "\\."));
        }
        return pattern.append(")$").toString();
    }

    /** Sets {@code name} on {@code p} itself through {@code setfattr -h}; null when set, else why not. */
    static String write(Path p, String name, byte[] value) throws IOException {
        List<String> command = List.of("setfattr", "-h", "-n", escape(name),
                "-v", "0x" + HexFormat.of().formatHex(value), p.toString());
        Process proc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return waitFor(proc, command) == 0 ? null : "setfattr failed: " + output.strip();
    }

    /** setfattr reads {@code \ooo} in a name as that byte: a backslash or control byte is written so. */
    static String escape(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f) {
                out.append(String.format("\\%03o", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String s) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\\' && isOctal(raw, i + 1)) {
                out.write(((raw[i + 1] - '0') << 6) | ((raw[i + 2] - '0') << 3) | (raw[i + 3] - '0'));
                i += 3;
            } else {
                out.write(raw[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(byte[] b, int i) {
        for (int k = i; k < i + 3; k++) {
            if (k >= b.length || b[k] < '0' || b[k] > '7') {
                return false;
            }
        }
        return true;
    }

    private static int waitFor(Process proc, List<String> command) throws IOException {
        try {
            return proc.waitFor();
        } catch (InterruptedException e) {
            proc.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }

    /** Looked up once: running a missing tool per file would cost a failed exec each time. */
    private enum Tools {
        INSTANCE;

        final boolean present = onPath("setfattr") && onPath("getfattr");

        private static boolean onPath(String tool) {
            String path = System.getenv("PATH");
            List<String> dirs = path == null ? List.of() : List.of(path.split(":"));
            return dirs.stream().anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
        }
    }
}
