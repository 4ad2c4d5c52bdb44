package dev.stagecraft.worker.file;

import dev.stagecraft.archive.ExtractResult;
import dev.stagecraft.archive.LayerExtractor;
import dev.stagecraft.context.ResolvedPath;
import dev.stagecraft.context.SourceTree;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * ADD's extraction of local tar archives (BuildKit's {@code unpack}): a regular file whose content
 * is a tar, plain or compressed with gzip, bzip2, xz or zstd (told by its bytes, never its name),
 * is extracted into the destination directory; anything else is copied as a file. Extraction
 * resolves every entry inside the destination directory as if it were {@code /} (as BuildKit's
 * chrooted untar does); the archive's owners are kept unless {@code --chown} was given.
 */
final class ArchiveUnpacker {
    private static final List<String> FORMATS = List.of(CompressorStreamFactory.GZIP, CompressorStreamFactory.BZIP2,
            CompressorStreamFactory.XZ, CompressorStreamFactory.ZSTANDARD);

    private ArchiveUnpacker() {
    }

    /** Whether {@code file} (a regular file) holds a tar archive whose first header reads. */
    static boolean isArchive(Path file) {
        try (InputStream in = open(file); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            return tar.getNextEntry() != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The uncompressed bytes of {@code file}. */
    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file));
        try {
            String format = CompressorStreamFactory.detect(in);
            if (FORMATS.contains(format)) {
                return new BufferedInputStream(new CompressorStreamFactory(true).createCompressorInputStream(format, in));
            }
        } catch (CompressorException e) {
            // not a compressed stream: read it as it is
        }
        return in;
    }

    /**
     * Extracts {@code archive} into the directory {@code into}.
     *
     * @param owner the {@code --chown} owner for every entry, or null to keep the archive's
     */
    static ExtractResult extract(Path archive, Path into, Owner owner, Metadata meta) throws IOException {
        ExtractResult result;
        try (InputStream in = open(archive)) {
            result = new LayerExtractor().apply(in, into);
        } catch (dev.stagecraft.archive.LayerFormatException e) {
            throw new FileOpException("failed to extract " + archive.getFileName() + ": " + e.getMessage(), e);
        }
        if (owner != null) {
            // Resolved inside the extraction directory: a symlink the archive planted is not followed out.
            SourceTree tree = SourceTree.of(into);
            for (String name : names(archive)) {
                ResolvedPath p = tree.resolve(name, false);
                if (p.exists()) {
                    meta.chown(p.host(), owner);
                }
            }
        }
        return result;
    }

    private static List<String> names(Path archive) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = open(archive); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String n = dev.stagecraft.text.GoText.clean("/" + e.getName()).substring(1);
                if (!n.isEmpty()) {
                    out.add(n);
                }
            }
        }
        return out;
    }
}
