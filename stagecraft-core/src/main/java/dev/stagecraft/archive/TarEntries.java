package dev.stagecraft.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Tar entries that are not files of a tree (PAX headers of a layer, the files of an image
 * archive), with every header field set: owner root with empty names, time the epoch. Commons
 * Compress would otherwise take the user name and the time from the environment, and the same
 * content would give different bytes.
 */
public final class TarEntries {
    private static final FileTime EPOCH = FileTime.fromMillis(0);

    private TarEntries() {
    }

    /** An entry of type {@code linkFlag} (a {@link TarConstants} {@code LF_*}) owned by root, dated the epoch. */
    public static TarArchiveEntry fixed(String name, byte linkFlag, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, linkFlag);
        e.setMode(mode);
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("");
        e.setGroupName("");
        e.setLastModifiedTime(EPOCH);
        return e;
    }

    /** Writes a directory entry, mode 0755 ({@code name} without the trailing slash). */
    public static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        tar.putArchiveEntry(fixed(name + "/", TarConstants.LF_DIR, 0755));
        tar.closeArchiveEntry();
    }

    /**
     * Writes a regular file, mode 0644, of {@code size} bytes from {@code content}.
     *
     * @throws IOException when {@code content} does not hold exactly {@code size} bytes
     */
    public static void file(TarArchiveOutputStream tar, String name, long size, InputStream content)
            throws IOException {
        TarArchiveEntry e = fixed(name, TarConstants.LF_NORMAL, 0644);
        e.setSize(size);
        tar.putArchiveEntry(e);
        long copied = content.transferTo(tar);
        if (copied != size) {
            throw new IOException(name + ": expected " + size + " bytes, got " + copied);
        }
        tar.closeArchiveEntry();
    }
}
