package dev.stagecraft.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.archive.LayerChanges;
import dev.stagecraft.archive.LayerExtractor;
import dev.stagecraft.archive.LayerWriter;
import dev.stagecraft.archive.WrittenLayer;
import dev.stagecraft.content.Digest;
import dev.stagecraft.io.FileTrees;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Layers for the snapshot tests, the step's changes, and a tree's full description to compare. */
final class Fixtures {
    static final FileTime T1 = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));
    static final FileTime T2 = FileTime.from(Instant.parse("2021-06-07T08:09:10Z"));
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private Fixtures() {
    }

    /** A layer as bytes with its diff id. */
    record Layer(byte[] tar, Digest diffId) {
        LayerSource source() {
            return () -> new ByteArrayInputStream(tar);
        }
    }

    /** The base layer: files, a hardlink pair, a symlink, owners, an xattr, directories to change. */
    static Layer base(Path work) throws IOException {
        Path t = Files.createDirectories(work.resolve("base"));
        file(t, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", "rw-r--r--");
        file(t, "etc/keep", "keep\n", "rw-r--r--");
        file(t, "bin/tool", "#!/bin/sh\necho tool\n", "rwxr-xr-x");
        file(t, "data/dir/a", "a\n", "rw-r--r--");
        file(t, "data/dir/b", "b\n", "rw-r--r--");
        file(t, "gone.txt", "deleted by the second layer\n", "rw-r--r--");
        file(t, "opt/x/y", "y\n", "rw-r--r--");
        file(t, "hl1", "linked\n", "rw-r--r--");
        Files.createLink(t.resolve("hl2"), t.resolve("hl1"));
        Files.createSymbolicLink(t.resolve("link"), Path.of("etc/passwd"));
        Path owned = file(t, "home/owned", "mine\n", "rw-r-----");
        Files.setAttribute(owned, "unix:uid", 1000, NOFOLLOW);
        Files.setAttribute(owned, "unix:gid", 1000, NOFOLLOW);
        xattr(owned, "note", "x");
        times(t);
        return write(t, null);
    }

    /** The second layer: deletes gone.txt, replaces data/dir (opaque), adds etc/new. */
    static Layer second(Path work) throws IOException {
        Path t = Files.createDirectories(work.resolve("second"));
        file(t, "data/dir/c", "c\n", "rw-r--r--");
        file(t, "etc/new", "new\n", "rw-r--r--");
        times(t);
        LayerChanges changes = new LayerChanges().delete("gone.txt").opaque("data/dir").add("data/dir/c")
                .add("etc/new");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WrittenLayer w = LayerWriter.builder().build().writeChanges(t, changes, out);
        return new Layer(out.toByteArray(), w.diffId());
    }

    /** A one-file layer, for deep stacks. */
    static Layer single(Path work, String name) throws IOException {
        Path t = Files.createDirectories(work.resolve("single-" + name));
        file(t, name, name + "\n", "rw-r--r--");
        times(t);
        return write(t, null);
    }

    static Layer write(Path tree, Instant mtime) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerWriter.Builder b = LayerWriter.builder();
        if (mtime != null) {
            b.mtime(mtime);
        }
        WrittenLayer w = b.build().write(tree, out);
        return new Layer(out.toByteArray(), w.diffId());
    }

    /** What a RUN step might do: every kind of change the diff must carry. */
    static void change(Path root) throws IOException, InterruptedException {
        Files.writeString(root.resolve("etc/passwd"), "user:x:1000:1000::/home/user:/bin/sh\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(root.resolve("etc/new2"), "hello\n");
        Files.delete(root.resolve("etc/keep"));
        Files.setPosixFilePermissions(root.resolve("bin/tool"), PosixFilePermissions.fromString("rwx------"));
        Files.setAttribute(root.resolve("home/owned"), "unix:uid", 2000, NOFOLLOW);
        Files.setAttribute(root.resolve("home/owned"), "unix:gid", 2001, NOFOLLOW);
        Files.createSymbolicLink(root.resolve("newlink"), Path.of("/etc/passwd"));
        Files.createLink(root.resolve("etc/passwd-hl"), root.resolve("etc/passwd"));
        Files.createDirectories(root.resolve("run"));
        run("mkfifo", root.resolve("run/fifo").toString());
        deleteTree(root.resolve("opt"));
        deleteTree(root.resolve("data/dir"));
        Files.createDirectory(root.resolve("data/dir"));
        Files.writeString(root.resolve("data/dir/d"), "d\n");
        xattr(root.resolve("etc/new2"), "step", "1");
        Files.writeString(root.resolve("tmpfile"), "made and removed in the same step\n");
        Files.delete(root.resolve("tmpfile"));
    }

    /** Type changes and renames: a file becomes a directory and back, a directory is moved. */
    static void moreChanges(Path root) throws IOException, InterruptedException {
        Files.delete(root.resolve("bin/tool"));
        Files.createDirectory(root.resolve("bin/tool"));
        Files.writeString(root.resolve("bin/tool/inner"), "inner\n");
        deleteTree(root.resolve("opt"));
        Files.writeString(root.resolve("opt"), "opt is a file now\n");
        run("mv", root.resolve("etc/new").toString(), root.resolve("etc/renamed").toString());
        run("mv", root.resolve("data/dir").toString(), root.resolve("data/moved").toString());
    }

    static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("%s: %s", List.of(cmd), out).isZero();
    }

    static void deleteTree(Path p) throws IOException {
        FileTrees.deleteRecursively(p);
    }

    /** Extracts {@code layers} in order into {@code dir} with the OCI extractor. */
    static Path extract(Path dir, List<byte[]> layers) throws IOException {
        Files.createDirectories(dir);
        for (byte[] l : layers) {
            new LayerExtractor().apply(new ByteArrayInputStream(l), dir);
        }
        return dir;
    }

    /**
     * Every path below {@code root} with type, mode, owner, content hash, link target, device
     * numbers, user xattrs, mtime (whole seconds; not for symlinks, whose times Java cannot
     * set) and, for files with several links, the first path of their inode here.
     */
    static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Map<Object, String> inodes = new HashMap<>();
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.filter(p -> !p.equals(root)).sorted().toList();
        }
        for (Path p : all) {
            Map<String, Object> a = Files.readAttributes(p, "unix:*", NOFOLLOW);
            int mode = (Integer) a.get("mode");
            StringBuilder d = new StringBuilder(String.format("mode=%o uid=%s gid=%s", mode, a.get("uid"),
                    a.get("gid")));
            if (Files.isSymbolicLink(p)) {
                d.append(" -> ").append(Files.readSymbolicLink(p));
            } else {
                d.append(" mtime=").append(((FileTime) a.get("lastModifiedTime")).toInstant().getEpochSecond());
            }
            if (Files.isRegularFile(p, NOFOLLOW)) {
                try (InputStream in = Files.newInputStream(p)) {
                    d.append(" sha=").append(Digest.sha256(in).shortHex());
                }
                if ((Integer) a.get("nlink") > 1) {
                    String first = inodes.putIfAbsent(a.get("dev") + ":" + a.get("ino"), root.relativize(p).toString());
                    d.append(" links=").append(first == null ? "first" : first);
                }
            }
            if ((mode & 0170000) == 0020000 || (mode & 0170000) == 0060000) {
                d.append(" rdev=").append(a.get("rdev"));
            }
            if (Files.isRegularFile(p, NOFOLLOW) || Files.isDirectory(p, NOFOLLOW)) {
                UserDefinedFileAttributeView v = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class,
                        NOFOLLOW);
                for (String name : v.list().stream().sorted().toList()) {
                    ByteBuffer buf = ByteBuffer.allocate(v.size(name));
                    v.read(name, buf);
                    d.append(" user.").append(name).append('=').append(new String(buf.array(), StandardCharsets.UTF_8));
                }
            }
            out.put(root.relativize(p).toString(), d.toString());
        }
        return out;
    }

    private static Path file(Path tree, String name, String content, String perms) throws IOException {
        Path p = tree.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        return p;
    }

    private static void xattr(Path p, String name, String value) throws IOException {
        Files.getFileAttributeView(p, UserDefinedFileAttributeView.class, NOFOLLOW)
                .write(name, ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Fixed times everywhere but symlinks, so layers made in different runs are equal. */
    private static void times(Path tree) throws IOException {
        try (Stream<Path> s = Files.walk(tree)) {
            for (Path p : s.toList()) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setLastModifiedTime(p, p.equals(tree) ? T1 : T2);
                }
            }
        }
    }
}
