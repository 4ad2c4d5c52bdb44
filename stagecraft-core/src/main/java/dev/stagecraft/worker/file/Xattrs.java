package dev.stagecraft.worker.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Copies extended attributes, best effort as BuildKit does (a failure is a warning). Java reaches
 * only {@code user.*}; with Debian's {@code attr} tools on the PATH every namespace is copied
 * ({@code security.capability} matters for ping and friends): one {@code getfattr -R} per copied
 * source reads them all, {@code setfattr} writes those outside {@code user.}.
 */
final class Xattrs {
    private static final String USER = "user.";
    private static final boolean TOOLS = onPath("getfattr") && onPath("setfattr");

    /** Attributes of every entry under one source, by host path; null without the tools. */
    private final Map<Path, Map<String, byte[]>> dump;

    private Xattrs(Map<Path, Map<String, byte[]>> dump) {
        this.dump = dump;
    }

    /** Reads the attributes below {@code source} (a file or a directory) at once, when the tools are there. */
    static Xattrs of(Path source) throws IOException {
        if (!TOOLS) {
            return new Xattrs(null);
        }
        Process proc = new ProcessBuilder(List.of("getfattr", "--absolute-names", "-R", "-h", "-d", "-e", "hex",
                "-m", "-", source.toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            proc.waitFor();
        } catch (InterruptedException e) {
            proc.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading xattrs", e);
        }
        Map<Path, Map<String, byte[]>> out = new HashMap<>();
        Map<String, byte[]> current = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("# file: ")) {
                current = new TreeMap<>();
                out.put(Path.of(unescape(line.substring("# file: ".length()))), current);
            } else if (current != null && line.contains("=0x")) {
                int eq = line.indexOf("=0x");
                current.put(line.substring(0, eq), HexFormat.of().parseHex(line.substring(eq + 3).strip()));
            }
        }
        return new Xattrs(out);
    }

    /** Copies the attributes of {@code src} to {@code dst}; {@code plain} says both are files or directories. */
    void copy(Path src, Path dst, boolean plain, Metadata meta) throws IOException {
        Map<String, byte[]> attrs;
        if (dump != null) {
            attrs = dump.getOrDefault(src, Map.of());
        } else {
            attrs = plain ? readUser(src) : Map.of();
        }
        for (Map.Entry<String, byte[]> x : attrs.entrySet()) {
            String name = x.getKey();
            if (name.startsWith(USER)) {
                if (!plain) {
                    continue; // Linux allows user.* only on files and directories
                }
                UserDefinedFileAttributeView view = Files.getFileAttributeView(dst, UserDefinedFileAttributeView.class,
                        Metadata.NOFOLLOW);
                try {
                    view.write(name.substring(USER.length()), ByteBuffer.wrap(x.getValue()));
                } catch (IOException e) {
                    meta.warn(dst + ": xattr " + name + " not copied: " + e.getMessage());
                }
            } else {
                Process proc = new ProcessBuilder(List.of("setfattr", "-h", "-n", name, "-v",
                        "0x" + HexFormat.of().formatHex(x.getValue()), dst.toString())).redirectErrorStream(true).start();
                String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                try {
                    if (proc.waitFor() != 0) {
                        meta.warn(dst + ": xattr " + name + " not copied: " + out.strip());
                    }
                } catch (InterruptedException e) {
                    proc.destroy();
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while writing xattrs", e);
                }
            }
        }
    }

    private static Map<String, byte[]> readUser(Path p) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        UserDefinedFileAttributeView view = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class,
                Metadata.NOFOLLOW);
        if (view == null) {
            return out;
        }
        for (String name : view.list()) {
            ByteBuffer buf = ByteBuffer.allocate(view.size(name));
            view.read(name, buf);
            out.put(USER + name, buf.array());
        }
        return out;
    }

    /** getfattr writes odd bytes of names as {@code \ooo}. */
    private static String unescape(String s) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\\' && i + 3 < raw.length && octal(raw[i + 1]) && octal(raw[i + 2]) && octal(raw[i + 3])) {
                out.write(((raw[i + 1] - '0') << 6) | ((raw[i + 2] - '0') << 3) | (raw[i + 3] - '0'));
                i += 3;
            } else {
                out.write(raw[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean octal(byte b) {
        return b >= '0' && b <= '7';
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
