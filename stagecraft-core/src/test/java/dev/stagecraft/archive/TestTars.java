package dev.stagecraft.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Hand-built layer tars (hostile ones included), and a snapshot of a tree to compare. */
final class TestTars {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    TestTars() {
        tar = new TarArchiveOutputStream(bytes, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    static TestTars tar() {
        return new TestTars();
    }

    TestTars file(String name, String content) {
        return entry(base(new TarArchiveEntry(name, true), 0644), content.getBytes(StandardCharsets.UTF_8));
    }

    TestTars dir(String name) {
        return entry(base(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true),
                0755), null);
    }

    TestTars symlink(String name, String target) {
        TarArchiveEntry e = base(new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true), 0777);
        e.setLinkName(target);
        return entry(e, null);
    }

    TestTars hardlink(String name, String target) {
        TarArchiveEntry e = base(new TarArchiveEntry(name, TarConstants.LF_LINK, true), 0644);
        e.setLinkName(target);
        return entry(e, null);
    }

    TestTars entry(TarArchiveEntry e, byte[] data) {
        try {
            if (data != null) {
                e.setSize(data.length);
            }
            tar.putArchiveEntry(e);
            if (data != null) {
                tar.write(data);
            }
            tar.closeArchiveEntry();
            return this;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static TarArchiveEntry base(TarArchiveEntry e, int mode) {
        e.setMode(mode);
        e.setUserName("");
        e.setGroupName("");
        e.setModTime(1_000_000_000_000L);
        return e;
    }

    byte[] bytes() {
        try {
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    InputStream stream() {
        return new ByteArrayInputStream(bytes());
    }

    /** Every path under {@code dir} (symlinks not followed) with its type, size and link target. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String what = Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir"
                        : "file " + Files.size(p);
                out.put(dir.relativize(p).toString(), what);
            }
        }
        return out;
    }
}
