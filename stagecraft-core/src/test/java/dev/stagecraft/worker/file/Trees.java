package dev.stagecraft.worker.file;

import dev.stagecraft.context.SourceTree;
import dev.stagecraft.graph.FileAction;
import dev.stagecraft.graph.FileOp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Builds source trees and describes result trees (type, mode, owner, mtime, content or link target). */
final class Trees {
    static final FileTime T1 = FileTime.fromMillis(1_600_000_000_000L);
    static final FileTime T2 = FileTime.fromMillis(1_500_000_000_000L);

    private Trees() {
    }

    static Path file(Path root, String rel, String content, int mode) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setAttribute(p, "unix:mode", mode);
        Files.setLastModifiedTime(p, T1);
        return p;
    }

    static Path dir(Path root, String rel, int mode) throws IOException {
        Path p = Files.createDirectories(root.resolve(rel));
        Files.setAttribute(p, "unix:mode", mode);
        Files.setLastModifiedTime(p, T2);
        return p;
    }

    static void owner(Path p, int uid, int gid) throws IOException {
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }

    /** A copy action with the options the Dockerfile front end sets for a local source. */
    static FileAction.Copy copy(String src, String dest) {
        return new FileAction.Copy(0, src, dest, null, null, true, true, true, true, true, false, List.of(), List.of(),
                List.of());
    }

    static FileAction.Copy with(FileAction.Copy c, String chown, String chmod) {
        return new FileAction.Copy(c.input(), c.source(), c.destination(), chown, chmod, c.followSymlinks(),
                c.contentsOnly(), c.allowWildcard(), c.allowEmptyWildcard(), c.createDestPath(), c.attemptUnpack(),
                c.includePatterns(), c.excludePatterns(), c.requiredPaths());
    }

    static FileOpResult run(Path dest, SourceTree src, FileAction... actions) {
        return FileActions.apply(new FileOp(0, List.of(actions)), dest, i -> src, new PasswdOwnerResolver(dest));
    }

    /** One line per entry below {@code root}: {@code path type mode uid:gid mtime-seconds content}. */
    static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,lastModifiedTime",
                        LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode");
                String type;
                String content;
                if (Files.isSymbolicLink(p)) {
                    type = "L";
                    content = "-> " + Files.readSymbolicLink(p);
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    type = "D";
                    content = "";
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    type = "F";
                    content = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
                } else {
                    type = "O";
                    content = "";
                }
                String perm = type.equals("L") ? "" : String.format(" %04o", mode & 07777);
                long secs = ((FileTime) a.get("lastModifiedTime")).toMillis() / 1000;
                out.put("/" + root.relativize(p), (type + perm + " " + a.get("uid") + ":" + a.get("gid") + " "
                        + (type.equals("L") ? "" : secs + " ") + content).strip());
            }
        }
        return out;
    }

    static long secs(FileTime t) {
        return t.toMillis() / 1000;
    }
}
