package dev.stagecraft.snapshot;

import dev.stagecraft.content.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Removes unpacked layers nothing uses any more from a root's snapshot directory (the one
 * {@link Snapshotters#open} is given): overlay layers ({@code overlay/layers/<diff id>}) whose diff
 * id is in no stack in use, and native trees ({@code native/trees/<chain id>}) whose chain id is no
 * prefix of a stack in use.
 *
 * <p>Nothing a build uses is removed: builds hold {@link #inUse} for as long as they use
 * snapshots, and a collection runs only when it can take that lock exclusively at once; when a
 * build holds it, the collection removes nothing and says it was skipped. As a second guard, a
 * layer an overlay work directory under {@code active/} links to stays. A layer is renamed into a
 * locked directory under {@code tmp/} before it is deleted, so no one ever sees half of it, and
 * what a killed collection leaves there is swept by the next snapshotter opened.
 */
public final class SnapshotCollector {
    private SnapshotCollector() {
    }

    /**
     * What a collection did.
     *
     * @param removed    how many layers or trees it removed
     * @param bytesFreed the sizes of the regular files in them
     * @param skipped    true when builds were using snapshots, so nothing was looked at
     */
    public record Result(int removed, long bytesFreed, boolean skipped) {
    }

    /** A build's hold on the snapshots under {@code snapshots}; a collection waits for no holder but skips. */
    public static Hold inUse(Path snapshots) throws IOException {
        SnapshotUseLock.Held held = SnapshotUseLock.of(snapshots).shared();
        return held::close;
    }

    /** A build's hold on the snapshots; closing it lets collections run again. */
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Removes the unpacked layers under {@code snapshots} that none of {@code stacks} (diff ids,
     * bottom first: image root filesystems and cache records) uses.
     */
    public static Result collect(Path snapshots, Collection<List<Digest>> stacks) throws IOException {
        if (!Files.isDirectory(snapshots)) {
            return new Result(0, 0, false);
        }
        try (SnapshotUseLock.Held held = SnapshotUseLock.of(snapshots).tryExclusive()) {
            if (held == null) {
                return new Result(0, 0, true);
            }
            Set<String> diffIds = new HashSet<>();
            Set<String> chainIds = new HashSet<>();
            for (List<Digest> stack : stacks) {
                Snapshot s = Snapshot.SCRATCH;
                for (Digest d : stack) {
                    s = s.with(d);
                    diffIds.add(d.hex());
                    chainIds.add(hex(s.chainId()));
                }
            }
            Path overlay = snapshots.resolve("overlay");
            diffIds.addAll(linkedFromActive(overlay));
            Result a = sweep(overlay, "layers", diffIds);
            Result b = sweep(snapshots.resolve("native"), "trees", chainIds);
            return new Result(a.removed() + b.removed(), a.bytesFreed() + b.bytesFreed(), false);
        }
    }

    private static Result sweep(Path dir, String storeName, Set<String> keep) throws IOException {
        Path store = dir.resolve(storeName);
        if (!Files.isDirectory(store)) {
            return new Result(0, 0, false);
        }
        int removed = 0;
        long bytes = 0;
        for (Path p : list(store)) {
            String name = p.getFileName().toString();
            if (!name.matches("[0-9a-f]{64}") || keep.contains(name)) {
                continue;
            }
            long size = size(p);
            try (LockedDir trash = LockedDir.create(dir.resolve("tmp"))) {
                Files.move(p, trash.path().resolve(name));
            }
            removed++;
            bytes += size;
        }
        return new Result(removed, bytes, false);
    }

    /** The layers the overlay work directories' {@code l/} links name. */
    private static Set<String> linkedFromActive(Path overlay) throws IOException {
        Set<String> out = new HashSet<>();
        Path active = overlay.resolve("active");
        if (!Files.isDirectory(active)) {
            return out;
        }
        for (Path work : list(active)) {
            Path links = work.resolve("l");
            if (!Files.isDirectory(links, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            for (Path link : list(links)) {
                if (Files.isSymbolicLink(link)) {
                    Path target = Files.readSymbolicLink(link);
                    // .../layers/<hex>/fs
                    Path layer = target.getParent();
                    if (layer != null && layer.getFileName() != null) {
                        out.add(layer.getFileName().toString());
                    }
                }
            }
        }
        return out;
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(out::add);
        }
        return out;
    }

    private static long size(Path tree) throws IOException {
        try (Stream<Path> paths = Files.walk(tree)) {
            return paths.mapToLong(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    return a.isRegularFile() ? a.size() : 0;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String hex(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }
}
