package dev.stagecraft.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Extended attributes of files, by full name ({@code user.foo}, {@code security.capability}).
 *
 * <p>Java's {@link UserDefinedFileAttributeView} reaches only the {@code user.} namespace. Other
 * namespaces go through {@code getfattr}/{@code setfattr} from Debian's {@code attr} package when
 * they are on the {@code PATH}; when they are not, those attributes are skipped and the caller
 * records a warning. Only {@code security.capability} is read that way for layers: it is the
 * one outside {@code user.} that images rely on (ping, newuidmap). {@link #readTree} is public
 * for the overlay snapshotter, which reads {@code trusted.overlay.opaque} the same way, and
 * {@link #readAll}, {@link #readUser} and {@link #write} for COPY, which keeps every namespace.
 */
public final class Xattrs {
    static final String CAPABILITY = "security.capability";
    private static final String USER = "user.";

    private Xattrs() {
    }

    /** Whether {@code setfattr} and {@code getfattr} can be run. */
    public static boolean toolsPresent() {
        return Tools.INSTANCE.present;
    }

    /**
     * The {@code user.*} attributes of {@code p} itself, sorted by name. Only files and
     * directories have them on Linux; Java reads them by opening the file, which must not be
     * done to a fifo (blocks) or a device.
     */
    public static Map<String, byte[]> readUser(Path p) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        UserDefinedFileAttributeView view =
                Files.getFileAttributeView(p, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null || !(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
            return out;
        }
        for (String name : view.list()) {
            ByteBuffer buf = ByteBuffer.allocate(view.size(name));
            view.read(name, buf);
            out.put(USER + name, buf.array());
        }
        return out;
    }

    /**
     * {@code security.capability} of every file under {@code tree} that has one, keyed by
     * absolute path; empty without {@code getfattr}. One process for the whole tree, not one per
     * file. getfattr escapes odd bytes in names as {@code \\ooo}, undone here.
     */
    public static final String CAPABILITY_NAME = CAPABILITY;

    static Map<Path, byte[]> readCapabilities(Path tree) throws IOException {
        return toolsPresent() ? readTree(tree, CAPABILITY) : new TreeMap<>();
    }

    /**
     * The attribute {@code name} (any namespace, e.g. {@code trusted.overlay.opaque}) of every
     * file under {@code tree} that has it, {@code tree} included, keyed by absolute path. Runs
     * {@code getfattr} once for the whole tree; symlinks are not followed.
     *
     * @throws IOException if {@code getfattr} (package attr) cannot be run
     */
    public static Map<Path, byte[]> readTree(Path tree, String name) throws IOException {
        return readTree(tree, List.of(name)).get(name);
    }

    /**
     * Several attributes of every file under {@code tree} in one {@code getfattr} run: for each
     * name, the files that have it, keyed by absolute path.
     *
     * @throws IOException if {@code getfattr} (package attr) cannot be run
     */
    public static Map<String, Map<Path, byte[]>> readTree(Path tree, List<String> names) throws IOException {
        Map<String, Map<Path, byte[]>> out = new TreeMap<>();
        for (String name : names) {
            out.put(name, new TreeMap<>());
        }
        if (!toolsPresent()) {
            throw new IOException("getfattr (package attr) is needed to read " + names + " under " + tree);
        }
        StringBuilder pattern = new StringBuilder("^(");
        for (int i = 0; i < names.size(); i++) {
            pattern.append(i == 0 ? "" : "|").append(names.get(i).replace(".", "\\."));
        }
        Map<Path, Map<String, byte[]>> dump = dump(tree, pattern.append(")$").toString());
        dump.forEach((file, attrs) -> attrs.forEach((name, value) -> {
            if (out.containsKey(name)) {
                out.get(name).put(file, value);
            }
        }));
        return out;
    }

    /**
     * Every extended attribute, of every namespace the process may read, of every file under
     * {@code tree} ({@code tree} included) that has any: attribute name to value, keyed by
     * absolute path. One {@code getfattr} run; symlinks are not followed, files it cannot read
     * are left out.
     *
     * @throws IOException if {@code getfattr} (package attr) cannot be run
     */
    public static Map<Path, Map<String, byte[]>> readAll(Path tree) throws IOException {
        if (!toolsPresent()) {
            throw new IOException("getfattr (package attr) is needed to read the xattrs under " + tree);
        }
        return dump(tree, "-");
    }

    /** getfattr's hex dump of the attributes matching {@code pattern}; its complaints are dropped. */
    private static Map<Path, Map<String, byte[]>> dump(Path tree, String pattern) throws IOException {
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
                current.put(line.substring(0, eq), HexFormat.of().parseHex(line.substring(eq + 3).strip()));
            }
        }
        return out;
    }

    private static String unescape(String s) {
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

    /**
     * Sets one attribute on {@code p} itself; {@code notPlain} says it is a symlink, device or fifo.
     *
     * @return null when set, else why it was not
     */
    public static String write(Path p, String name, byte[] value, boolean notPlain) throws IOException {
        if (name.startsWith(USER)) {
            if (notPlain) {
                // Linux refuses user.* on symlinks and nodes; Java would also open a fifo and block.
                return "user xattrs are only kept on files and directories";
            }
            UserDefinedFileAttributeView view =
                    Files.getFileAttributeView(p, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (view == null) {
                return "file system has no user xattrs";
            }
            view.write(name.substring(USER.length()), ByteBuffer.wrap(value));
            return null;
        }
        if (!toolsPresent()) {
            return "setfattr (package attr) is not installed";
        }
        Run r = run(List.of("setfattr", "-h", "-n", name, "-v", "0x" + HexFormat.of().formatHex(value),
                p.toString()));
        return r.exit == 0 ? null : "setfattr failed: " + r.output.strip();
    }

    private record Run(int exit, String output) {
    }

    private static Run run(List<String> command) throws IOException {
        Process proc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(waitFor(proc, command), output);
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
