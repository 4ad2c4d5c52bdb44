package dev.stagecraft.exec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The empty files and directories a container's mounts leave in the rootfs where nothing was
 * before ({@code /etc/hosts} on an image without one, a mount target): BuildKit removes them after
 * the step so they do not end up in the layer, and so does this.
 */
public final class MountStubs {
    private record Stub(List<Path> created, Path parent, FileTime parentMtime) {
    }

    private final List<Stub> stubs;

    private MountStubs(List<Stub> stubs) {
        this.stubs = stubs;
    }

    /** Notes which of {@code containerPaths} (and their parents) do not exist yet in {@code rootfs}. */
    public static MountStubs record(Path rootfs, List<String> containerPaths) throws IOException {
        List<Stub> stubs = new ArrayList<>();
        for (String containerPath : containerPaths) {
            Path target = RootfsPaths.resolve(rootfs, containerPath);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) || !target.startsWith(rootfs)) {
                continue;
            }
            List<Path> created = new ArrayList<>();
            Path p = target;
            while (p != null && !p.equals(rootfs) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                created.add(p);
                p = p.getParent();
            }
            if (p != null && Files.isDirectory(p)) {
                stubs.add(new Stub(created, p, Files.getLastModifiedTime(p)));
            }
        }
        return new MountStubs(stubs);
    }

    /** Removes what was recorded missing and is now an empty file or directory; restores parents' mtimes. */
    public void clean() throws IOException {
        for (Stub stub : stubs) {
            boolean removedAll = true;
            for (Path p : stub.created()) {
                if (!isEmptyStub(p)) {
                    removedAll = false;
                    break;
                }
                Files.delete(p);
            }
            if (removedAll && Files.isDirectory(stub.parent())) {
                Files.setLastModifiedTime(stub.parent(), stub.parentMtime());
            }
        }
    }

    private static boolean isEmptyStub(Path p) throws IOException {
        if (Files.isSymbolicLink(p) || !Files.exists(p)) {
            return false;
        }
        if (Files.isRegularFile(p)) {
            return Files.size(p) == 0;
        }
        if (Files.isDirectory(p)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                return !ds.iterator().hasNext();
            }
        }
        return false;
    }
}
