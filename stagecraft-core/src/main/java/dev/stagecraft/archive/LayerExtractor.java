package dev.stagecraft.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Applies a layer (a tar, plain, gzip or zstd, told apart by magic bytes) onto a directory the
 * way an OCI layer applier does: each entry replaces what lower layers left at its path, except
 * that a directory over a directory keeps the contents; {@code .wh.name} deletes {@code name};
 * {@code .wh..wh..opq} empties its directory of what lower layers put there; other
 * {@code .wh..wh.*} (aufs bookkeeping) are ignored.
 *
 * <h2>Safety</h2>
 * Nothing is ever written outside the root:
 * <ul>
 * <li>absolute names and names whose {@code ..} climbs above the root are refused (a layer
 *     writer never makes them; containerd would clamp them, we prefer to say the layer is bad);
 *     inner {@code ..} is cleaned lexically;
 * <li>parent directories are resolved component by component without following symlinks out:
 *     a symlink on the way, planted by an earlier entry or layer, is followed as if the root
 *     were {@code /} (see {@link ScopedPaths}), so it can only lead to another place inside;
 *     a loop of symlinks is refused after 40 links; a parent that is a file is refused;
 * <li>the last component is never followed: what is there is deleted and the new file created
 *     with {@code CREATE_NEW} and {@code NOFOLLOW_LINKS};
 * <li>hardlink targets obey the same rules, must already exist (from this or a lower layer),
 *     and may not be directories;
 * <li>one entry's headers (PAX records, GNU long names) are capped at about 1 MiB, like Go's
 *     archive/tar, so a huge header fails instead of exhausting memory.
 * </ul>
 * A refusal is a {@link LayerFormatException} naming the entry; the root may then hold the
 * entries before it. This assumes no other process changes the root meanwhile.
 *
 * <h2>Metadata</h2>
 * Modes including setuid, setgid and sticky; mtimes (directories' at the end, since filling
 * them changes them); ownership only when running as root (otherwise one warning); xattrs:
 * {@code user.*} through Java, others (e.g. {@code security.capability}) through
 * {@code setfattr} if installed, otherwise skipped with a warning. Device nodes and fifos are
 * made with {@code mknod(1)}; when that is refused (not root) they are skipped with a warning.
 * Their times are set with {@code touch -h}, as Java's setter would open them. A symlink's own
 * mtime is not set (Java cannot without following it); hardlinks share their target's inode
 * and get no metadata of their own.
 */
public final class LayerExtractor {
    private final boolean overlayWhiteouts;

    /** An extractor that applies whiteouts by deleting, for a full filesystem tree. */
    public LayerExtractor() {
        this(false);
    }

    private LayerExtractor(boolean overlayWhiteouts) {
        this.overlayWhiteouts = overlayWhiteouts;
    }

    /**
     * An extractor that writes one layer, on its own, in the format of a kernel overlayfs lower
     * directory instead of applying its whiteouts: {@code .wh.name} becomes a 0/0 character
     * device {@code name} and {@code dir/.wh..wh..opq} the xattr {@code trusted.overlay.opaque=y}
     * on {@code dir}. Needs root (mknod, trusted xattrs) and {@code setfattr}; without them
     * extraction fails with an {@link IOException} rather than produce a layer that would show
     * deleted files.
     */
    public static LayerExtractor overlayFormat() {
        return new LayerExtractor(true);
    }

    /**
     * Applies the layer read from {@code layer} onto {@code root}, which is created if missing.
     * The stream is read to the end of the tar and not closed.
     *
     * @throws LayerFormatException for a malformed or hostile layer; a failure to read the
     *     stream (a truncated download) is reported this way too, as the tar reader cannot tell
     * @throws IOException for a failure of the file system under the root
     */
    public ExtractResult apply(InputStream layer, Path root) throws IOException {
        Files.createDirectories(root);
        LayerApplier applier = new LayerApplier(new ScopedPaths(root), overlayWhiteouts);
        InputStream shielded = new FilterInputStream(layer) {
            @Override
            public void close() {
                // the caller's stream; the decompressor above it still gets closed
            }
        };
        try (InputStream tarBytes = Compression.decompressing(shielded)) {
            HeaderGuard guard = new HeaderGuard(tarBytes);
            TarArchiveInputStream tar = new TarArchiveInputStream(guard, "UTF-8");
            String previous = null;
            while (true) {
                guard.beginHeader();
                TarArchiveEntry entry = nextEntry(tar, previous);
                Map<String, byte[]> pax = guard.endHeader();
                if (entry == null) {
                    break;
                }
                applier.apply(entry, pax, tar);
                previous = entry.getName();
            }
        }
        return applier.finish();
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar, String previous) {
        String where = previous == null ? "at the start" : "after entry \"" + previous + "\"";
        try {
            return tar.getNextEntry();
        } catch (HeaderGuard.HeaderTooLargeException e) {
            throw new LayerFormatException("layer tar header " + where + " is larger than "
                    + HeaderGuard.MAX_HEADER_BYTES + " bytes", e);
        } catch (IOException | RuntimeException e) {
            // Commons Compress reports bad headers with IOException and, for some, runtime errors.
            throw new LayerFormatException("malformed layer tar " + where + ": " + e.getMessage(), e);
        }
    }
}
