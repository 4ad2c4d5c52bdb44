package dev.stagecraft.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Tar writing for image archives (OCI archive, docker-archive). Every header field is set
 * explicitly, so the same image always gives the same archive bytes: Commons Compress would
 * otherwise take the user name and the time from the environment.
 */
public final class ImageTar {
    private static final FileTime EPOCH = FileTime.from(Instant.EPOCH);

    private ImageTar() {
    }

    /** A tar stream over {@code out} with POSIX extensions for long names and sizes over 8 GiB. */
    public static TarArchiveOutputStream open(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return tar;
    }

    /** A tar reader with UTF-8 names, the encoding every image tool writes. */
    public static TarArchiveInputStream read(InputStream in) {
        return new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
    }

    /** Writes a directory entry ({@code name} without the trailing slash). */
    public static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name + "/", TarArchiveEntry.LF_DIR);
        fill(e, 0755);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    /** Writes a regular file with {@code content}. */
    public static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        file(tar, name, content.length, new java.io.ByteArrayInputStream(content));
    }

    /** Writes a regular file of {@code size} bytes from {@code content} (read to exactly that size). */
    public static void file(TarArchiveOutputStream tar, String name, long size, InputStream content)
            throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_NORMAL);
        fill(e, 0644);
        e.setSize(size);
        tar.putArchiveEntry(e);
        long copied = content.transferTo(tar);
        if (copied != size) {
            throw new IOException(name + ": expected " + size + " bytes, got " + copied);
        }
        tar.closeArchiveEntry();
    }

    /** The name of an entry without a leading {@code ./} or {@code /}, as archives from other tools vary. */
    public static String cleanName(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.startsWith("./") ? n.substring(2) : n.substring(1);
        }
        return n;
    }

    private static void fill(TarArchiveEntry e, int mode) {
        e.setMode(mode);
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("");
        e.setGroupName("");
        e.setModTime(EPOCH);
    }
}
