package dev.stagecraft.image;

import dev.stagecraft.archive.TarEntries;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Tar streams for image archives (OCI archive, docker-archive). Their entries are written by
 * {@link TarEntries}, the writer layers use for their own synthetic entries, so both set every
 * header field the same way and the same image always gives the same archive bytes.
 */
public final class ImageTar {
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

    /** Writes a directory entry ({@code name} without the trailing slash), as {@link TarEntries#directory} does. */
    public static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarEntries.directory(tar, name);
    }

    /** Writes a regular file with {@code content}. */
    public static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarEntries.file(tar, name, content.length, new java.io.ByteArrayInputStream(content));
    }

    /** Writes a regular file of {@code size} bytes from {@code content} (read to exactly that size). */
    public static void file(TarArchiveOutputStream tar, String name, long size, InputStream content)
            throws IOException {
        TarEntries.file(tar, name, size, content);
    }

    /** The name of an entry without a leading {@code ./} or {@code /}, as archives from other tools vary. */
    public static String cleanName(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.startsWith("./") ? n.substring(2) : n.substring(1);
        }
        return n;
    }

}
