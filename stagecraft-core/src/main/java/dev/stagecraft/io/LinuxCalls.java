package dev.stagecraft.io;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The few Linux system calls Java lacks, made directly through JNA: {@code mount(2)},
 * {@code umount2(2)} and the {@code l*xattr(2)} family, which never follow symlinks. Each one
 * saves the process (10–20 ms with its exec) that {@code mount}, {@code umount} or
 * {@code getfattr} would cost.
 *
 * <p>{@link #available()} says whether the calls can be made: JNA's native part may fail to load
 * (it unpacks into {@code jna.tmpdir}, which may be mounted noexec), the platform may not be a
 * 64-bit Linux, or the system property {@code stagecraft.syscalls=false} turns them off. Callers
 * keep a path through the command-line tools for then. A failed call throws
 * {@link ErrnoException} naming the call, the path and {@code strerror}'s text.
 *
 * <p>Paths go to the kernel as the bytes the JDK holds for them, so names that are not valid
 * UTF-8 reach the right file.
 */
public final class LinuxCalls {
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** Permission denied. */
    public static final int EACCES = 13;
    /** Invalid argument (e.g. unmounting what is not a mount point). */
    public static final int EINVAL = 22;
    /** Result too large: an attribute grew between asking its size and reading it. */
    public static final int ERANGE = 34;
    /** No such attribute. */
    public static final int ENODATA = 61;
    /** The file system has no attributes of this kind. */
    public static final int ENOTSUP = 95;

    /** {@code mount(2)}: read-only. */
    public static final long MS_RDONLY = 1;
    /** {@code mount(2)}: change the flags of an existing mount. */
    public static final long MS_REMOUNT = 32;
    /** {@code mount(2)}: bind mount. */
    public static final long MS_BIND = 4096;
    /** {@code umount2(2)}: detach now, free when no longer busy (as {@code umount -l}). */
    public static final int MNT_DETACH = 2;

    private static final Charset JNU = jnuCharset();

    private LinuxCalls() {
    }

    /** Whether the calls can be made in this process; when not, {@link #unavailableReason()} says why. */
    public static boolean available() {
        return Binding.REASON == null;
    }

    /** Why the calls cannot be made, or null when they can. */
    public static String unavailableReason() {
        return Binding.REASON;
    }

    /**
     * {@code mount(2)}: mounts {@code source} of file system {@code type} at {@code target}.
     *
     * @param source what to mount (a device, a directory to bind, a name), or null for a remount
     * @param type the file system, or null for a bind or a remount
     * @param data the file system's option string, or null
     * @throws ErrnoException naming the target when the kernel refuses
     */
    public static void mount(String source, Path target, String type, long flags, String data) throws IOException {
        requireAvailable();
        byte[] t = bytes(target);
        int rc = Binding.mount(source == null ? null : cString(source), t, type == null ? null : cString(type), flags,
                data == null ? null : cString(data));
        if (rc != 0) {
            String what = type != null ? type : source != null ? source : "a remount";
            throw failure("mount(2) of " + what + " at", target, Native.getLastError());
        }
    }

    /** {@code umount2(2)} of {@code target} with {@code flags} (0 or {@link #MNT_DETACH}). */
    public static void umount2(Path target, int flags) throws IOException {
        requireAvailable();
        if (Binding.umount2(bytes(target), flags) != 0) {
            throw failure("umount2(2) of", target, Native.getLastError());
        }
    }

    /**
     * {@code llistxattr(2)}: the names of the attributes of {@code p} itself, in the order the
     * file system gives them, each decoded as UTF-8.
     */
    public static List<String> listXattrs(Path p) throws IOException {
        requireAvailable();
        byte[] path = bytes(p);
        while (true) {
            long size = Binding.llistxattr(path, null, 0);
            if (size < 0) {
                throw failure("llistxattr(2) of", p, Native.getLastError());
            }
            List<String> names = new ArrayList<>();
            if (size == 0) {
                return names;
            }
            byte[] buf = new byte[(int) size];
            long got = Binding.llistxattr(path, buf, buf.length);
            if (got < 0) {
                int errno = Native.getLastError();
                if (errno == ERANGE) {
                    continue; // an attribute was added in between: ask again
                }
                throw failure("llistxattr(2) of", p, errno);
            }
            int start = 0;
            for (int i = 0; i < got; i++) {
                if (buf[i] == 0) {
                    names.add(new String(buf, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return names;
        }
    }

    /** {@code lgetxattr(2)}: the value of attribute {@code name} of {@code p} itself, null when it has none. */
    public static byte[] getXattr(Path p, String name) throws IOException {
        requireAvailable();
        byte[] path = bytes(p);
        byte[] n = cString(name);
        while (true) {
            long size = Binding.lgetxattr(path, n, null, 0);
            if (size < 0) {
                int errno = Native.getLastError();
                if (errno == ENODATA) {
                    return null;
                }
                throw failure("lgetxattr(2) of " + name + " on", p, errno);
            }
            byte[] buf = new byte[(int) size];
            if (size == 0) {
                return buf;
            }
            long got = Binding.lgetxattr(path, n, buf, buf.length);
            if (got >= 0) {
                return got == buf.length ? buf : Arrays.copyOf(buf, (int) got);
            }
            int errno = Native.getLastError();
            if (errno == ENODATA) {
                return null;
            }
            if (errno != ERANGE) {
                throw failure("lgetxattr(2) of " + name + " on", p, errno);
            }
        }
    }

    /** {@code lsetxattr(2)}: sets attribute {@code name} of {@code p} itself, creating or replacing it. */
    public static void setXattr(Path p, String name, byte[] value) throws IOException {
        requireAvailable();
        if (Binding.lsetxattr(bytes(p), cString(name), value, value.length, 0) != 0) {
            throw failure("lsetxattr(2) of " + name + " on", p, Native.getLastError());
        }
    }

    /** {@code lremovexattr(2)}: removes attribute {@code name} of {@code p} itself. */
    public static void removeXattr(Path p, String name) throws IOException {
        requireAvailable();
        if (Binding.lremovexattr(bytes(p), cString(name)) != 0) {
            throw failure("lremovexattr(2) of " + name + " on", p, Native.getLastError());
        }
    }

    private static void requireAvailable() throws IOException {
        if (!available()) {
            throw new IOException("system calls through JNA are unavailable: " + unavailableReason());
        }
    }

    private static ErrnoException failure(String call, Path p, int errno) {
        return new ErrnoException(call + " " + p + ": " + Binding.strerror(errno), errno);
    }

    private static byte[] cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(b, b.length + 1);
    }

    /**
     * The NUL-terminated bytes of {@code p}. The JDK decodes a name that is not valid in the
     * file-name charset lossily in {@code toString()}; its URI still carries the exact bytes.
     */
    static byte[] bytes(Path p) {
        String s = p.toString();
        byte[] b = s.indexOf('\uFFFD') < 0 ? s.getBytes(JNU) : rawBytes(p);
        return Arrays.copyOf(b, b.length + 1);
    }

    private static byte[] rawBytes(Path p) {
        String raw = p.toAbsolutePath().toUri().getRawPath();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        byte[] b = out.toByteArray();
        // toUri() marks a directory with a trailing slash
        return b.length > 1 && b[b.length - 1] == '/' ? Arrays.copyOf(b, b.length - 1) : b;
    }

    private static Charset jnuCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** libc through JNA's direct mapping, registered on first use; {@link #REASON} says if that failed. */
    private static final class Binding {
        static final String REASON = register();

        private static String register() {
            if ("false".equals(System.getProperty("stagecraft.syscalls"))) {
                return "turned off by -Dstagecraft.syscalls=false";
            }
            try {
                if (!Platform.isLinux() || Native.POINTER_SIZE != 8) {
                    return "not a 64-bit Linux";
                }
                skipLdconfig();
                Native.register(Binding.class, NativeLibrary.getInstance("libc.so.6"));
                return null;
            } catch (LinkageError | RuntimeException e) {
                // UnsatisfiedLinkError when libjnidispatch cannot be unpacked or loaded
                return "JNA could not load: " + e.getMessage();
            }
        }

        /**
         * JNA's library loader runs {@code /sbin/ldconfig -p} once per JVM (a process, 10–20 ms)
         * to learn where to look for libraries it cannot open by name, unless
         * {@code jna.platform.library.path} is set. libc opens by its soname, so when nobody set
         * the property it gets the standard directories JNA would list first anyway; dlopen
         * itself still searches the linker cache for any library named plainly.
         */
        private static void skipLdconfig() {
            if (System.getProperty("jna.platform.library.path") != null) {
                return;
            }
            String multiarch = (Platform.isIntel() ? "x86_64" : Platform.ARCH) + "-linux-gnu";
            StringBuilder path = new StringBuilder();
            for (String dir : new String[] {"/usr/lib/" + multiarch, "/lib/" + multiarch, "/usr/lib64", "/lib64",
                    "/usr/lib", "/lib"}) {
                if (new File(dir).isDirectory()) {
                    path.append(path.length() == 0 ? "" : File.pathSeparator).append(dir);
                }
            }
            System.setProperty("jna.platform.library.path", path.toString());
        }

        static native int mount(byte[] source, byte[] target, byte[] type, long flags, byte[] data);

        static native int umount2(byte[] target, int flags);

        static native long llistxattr(byte[] path, byte[] list, long size);

        static native long lgetxattr(byte[] path, byte[] name, byte[] value, long size);

        static native int lsetxattr(byte[] path, byte[] name, byte[] value, long size, int flags);

        static native int lremovexattr(byte[] path, byte[] name);

        static native String strerror(int errno);
    }
}
