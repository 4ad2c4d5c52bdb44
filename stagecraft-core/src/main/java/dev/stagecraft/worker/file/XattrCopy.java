package dev.stagecraft.worker.file;

import dev.stagecraft.archive.Xattrs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Copies extended attributes, best effort as BuildKit does (a failure is a warning). Every
 * namespace is copied ({@code security.capability} matters for ping and friends) when
 * {@link Xattrs} can reach them, by system call or with Debian's {@code attr} tools: one read of
 * the whole copied source, then one write per attribute. With neither, only {@code user.*}.
 */
final class XattrCopy {
    private static final String USER = "user.";

    /** Attributes of every entry under one source, by host path; null without the tools. */
    private final Map<Path, Map<String, byte[]>> dump;

    private XattrCopy(Map<Path, Map<String, byte[]>> dump) {
        this.dump = dump;
    }

    /** Reads the attributes below {@code source} (a file or a directory) at once, when the tools are there. */
    static XattrCopy of(Path source) throws IOException {
        return new XattrCopy(Xattrs.toolsPresent() ? Xattrs.readAll(source) : null);
    }

    /** Copies the attributes of {@code src} to {@code dst}; {@code plain} says both are files or directories. */
    void copy(Path src, Path dst, boolean plain, Metadata meta) throws IOException {
        Map<String, byte[]> attrs;
        if (dump != null) {
            attrs = dump.getOrDefault(src, Map.of());
        } else {
            attrs = plain ? Xattrs.readUser(src) : Map.of();
        }
        for (Map.Entry<String, byte[]> x : attrs.entrySet()) {
            String name = x.getKey();
            boolean user = name.startsWith(USER);
            if (user && !plain) {
                continue; // Linux allows user.* only on files and directories
            }
            String failure;
            try {
                failure = Xattrs.write(dst, name, x.getValue(), !plain);
            } catch (IOException e) {
                if (!user) {
                    throw e; // setfattr could not be run at all
                }
                failure = e.getMessage();
            }
            if (failure != null) {
                meta.warn(dst + ": xattr " + name + " not copied: " + failure);
            }
        }
    }
}
