package dev.stagecraft.archive;

import dev.stagecraft.io.LinuxCalls;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Extended attributes of files, by full name ({@code user.foo}, {@code security.capability}),
 * of every namespace, never through a symlink.
 *
 * <p>They go through the {@code l*xattr(2)} system calls ({@link LinuxCalls}, no process at all)
 * where JNA loads. Where it does not, {@code user.} goes through Java's
 * {@link UserDefinedFileAttributeView} and the other namespaces through {@code getfattr} and
 * {@code setfattr} from Debian's {@code attr} package when they are on the {@code PATH}; with
 * neither, those attributes are skipped and the caller records a warning. Only
 * {@code security.capability} is read for layers: it is the one outside {@code user.} that
 * images rely on (ping, newuidmap). {@link #readTree} is public for the overlay snapshotter,
 * which reads {@code trusted.overlay.opaque} the same way, and {@link #readAll},
 * {@link #readUser} and {@link #write} for COPY, which keeps every namespace.
 */
public final class Xattrs {
    static final String CAPABILITY = "security.capability";
    /** The name of the file capabilities attribute. */
    public static final String CAPABILITY_NAME = CAPABILITY;
    private static final String USER = "user.";

    private Xattrs() {
    }

    /** Whether attributes of every namespace can be read and written: by system call or by the attr tools. */
    public static boolean toolsPresent() {
        return LinuxCalls.available() || XattrTools.present();
    }

    /**
     * The {@code user.*} attributes of {@code p} itself, sorted by name. Only files and
     * directories have them on Linux; Java reads them by opening the file, which must not be
     * done to a fifo (blocks) or a device, so it is not asked for others.
     */
    public static Map<String, byte[]> readUser(Path p) throws IOException {
        if (LinuxCalls.available()) {
            return XattrCalls.read(p, name -> name.startsWith(USER));
        }
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
     * absolute path; empty when neither the system calls nor {@code getfattr} are there.
     */
    static Map<Path, byte[]> readCapabilities(Path tree) throws IOException {
        return toolsPresent() ? readTree(tree, CAPABILITY) : new TreeMap<>();
    }

    /**
     * The attribute {@code name} (any namespace, e.g. {@code trusted.overlay.opaque}) of every
     * file under {@code tree} that has it, {@code tree} included, keyed by absolute path;
     * symlinks are not followed.
     *
     * @throws IOException if neither the system calls nor {@code getfattr} (package attr) can be used
     */
    public static Map<Path, byte[]> readTree(Path tree, String name) throws IOException {
        return readTree(tree, List.of(name)).get(name);
    }

    /**
     * Several attributes of every file under {@code tree} in one walk: for each name, the files
     * that have it, keyed by absolute path.
     *
     * @throws IOException if neither the system calls nor {@code getfattr} (package attr) can be used
     */
    public static Map<String, Map<Path, byte[]>> readTree(Path tree, List<String> names) throws IOException {
        Map<String, Map<Path, byte[]>> out = new TreeMap<>();
        for (String name : names) {
            out.put(name, new TreeMap<>());
        }
        Map<Path, Map<String, byte[]>> dump;
        if (LinuxCalls.available()) {
            dump = XattrCalls.dump(tree, names::contains);
        } else if (XattrTools.present()) {
            dump = XattrTools.dump(tree, XattrTools.exactly(names));
        } else {
            throw new IOException("getfattr (package attr) is needed to read " + names + " under " + tree
                    + " (system calls: " + LinuxCalls.unavailableReason() + ")");
        }
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
     * absolute path. Symlinks are not followed, files that cannot be read are left out.
     *
     * @throws IOException if neither the system calls nor {@code getfattr} (package attr) can be used
     */
    public static Map<Path, Map<String, byte[]>> readAll(Path tree) throws IOException {
        if (LinuxCalls.available()) {
            return XattrCalls.dump(tree, name -> true);
        }
        if (!XattrTools.present()) {
            throw new IOException("getfattr (package attr) is needed to read the xattrs under " + tree
                    + " (system calls: " + LinuxCalls.unavailableReason() + ")");
        }
        return XattrTools.dump(tree, "-");
    }

    /**
     * Sets one attribute on {@code p} itself; {@code notPlain} says it is a symlink, device or fifo.
     *
     * @return null when set, else why it was not
     */
    public static String write(Path p, String name, byte[] value, boolean notPlain) throws IOException {
        if (name.startsWith(USER) && notPlain) {
            // Linux refuses user.* on symlinks and nodes; Java would also open a fifo and block.
            return "user xattrs are only kept on files and directories";
        }
        if (LinuxCalls.available()) {
            return XattrCalls.write(p, name, value);
        }
        if (name.startsWith(USER)) {
            UserDefinedFileAttributeView view =
                    Files.getFileAttributeView(p, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (view == null) {
                return "file system has no user xattrs";
            }
            view.write(name.substring(USER.length()), ByteBuffer.wrap(value));
            return null;
        }
        if (!XattrTools.present()) {
            return "setfattr (package attr) is not installed";
        }
        return XattrTools.write(p, name, value);
    }
}
