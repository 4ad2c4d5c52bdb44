package dev.stagecraft.differential.build;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.SortedMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Writes small tar archives for the comparator tests, every header field set explicitly. */
final class TarBuilder {
    static final long OLD = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);
    private boolean finished;

    TarBuilder() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    TarBuilder dir(String name, int mode) throws IOException {
        return dir(name, mode, OLD);
    }

    TarBuilder dir(String name, int mode, long mtime) throws IOException {
        return add(entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, mode, 0, 0, mtime), null);
    }

    TarBuilder file(String name, String content) throws IOException {
        return file(name, content, 0644, 0, 0, OLD);
    }

    TarBuilder file(String name, String content, int mode, int uid, int gid, long mtime) throws IOException {
        return add(entry(name, TarConstants.LF_NORMAL, mode, uid, gid, mtime), content.getBytes(StandardCharsets.UTF_8));
    }

    TarBuilder file(String name, byte[] content) throws IOException {
        return add(entry(name, TarConstants.LF_NORMAL, 0644, 0, 0, OLD), content);
    }

    TarBuilder symlink(String name, String target) throws IOException {
        TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, 0777, 0, 0, OLD);
        e.setLinkName(target);
        return add(e, null);
    }

    TarBuilder hardlink(String name, String target) throws IOException {
        TarArchiveEntry e = entry(name, TarConstants.LF_LINK, 0644, 0, 0, OLD);
        e.setLinkName(target);
        return add(e, null);
    }

    TarBuilder device(String name, byte type, int major, int minor) throws IOException {
        TarArchiveEntry e = entry(name, type, 0666, 0, 0, OLD);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return add(e, null);
    }

    private static TarArchiveEntry entry(String name, byte type, int mode, int uid, int gid, long mtime) {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setMode(mode);
        e.setUserId(uid);
        e.setGroupId(gid);
        e.setUserName("");
        e.setGroupName("");
        e.setModTime(Date.from(Instant.ofEpochSecond(mtime)));
        return e;
    }

    private TarBuilder add(TarArchiveEntry e, byte[] content) throws IOException {
        if (content != null) {
            e.setSize(content.length);
        }
        tar.putArchiveEntry(e);
        if (content != null) {
            tar.write(content);
        }
        tar.closeArchiveEntry();
        return this;
    }

    /** The archive; no entry can be added after the first call. */
    byte[] bytes() throws IOException {
        if (!finished) {
            tar.finish();
            finished = true;
        }
        return bytes.toByteArray();
    }

    SortedMap<String, TreeEntry> tree() throws IOException {
        try (InputStream in = new ByteArrayInputStream(bytes())) {
            return TarTree.read(in, "test.tar");
        }
    }

    Path write(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }
}
