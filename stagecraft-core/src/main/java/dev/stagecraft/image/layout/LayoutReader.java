package dev.stagecraft.image.layout;

import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.InvalidDigestException;
import dev.stagecraft.image.ImageFormatException;
import dev.stagecraft.image.ImageTar;
import dev.stagecraft.image.ImageWalk;
import dev.stagecraft.image.Index;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Imports OCI layout directories and OCI archives into a content store. */
final class LayoutReader {
    private LayoutReader() {
    }

    static List<LayoutRef> readDirectory(Path dir, ContentStore into) throws IOException {
        if (!Files.exists(dir.resolve(OciLayout.LAYOUT_FILE))) {
            throw new ImageFormatException(dir + " is not an OCI layout: it has no oci-layout file");
        }
        LayoutFiles.checkLayoutFile(Files.readAllBytes(dir.resolve(OciLayout.LAYOUT_FILE)));
        Index index = LayoutFiles.parseIndex(Files.readAllBytes(dir.resolve(OciLayout.INDEX_FILE)));
        for (Descriptor root : index.manifests()) {
            // Only what index.json reaches is imported; each blob is read before the walk parses it.
            ImageWalk.walk(into, root, blob -> importFile(dir, blob, into));
        }
        return LayoutFiles.refs(index);
    }

    private static boolean importFile(Path dir, Descriptor blob, ContentStore into) throws IOException {
        Digest d = blob.parsedDigest();
        Path file = dir.resolve("blobs").resolve(d.algorithm()).resolve(d.hex());
        if (!Files.isRegularFile(file)) {
            return ImageWalk.requirePresent(into, blob);
        }
        try (InputStream in = Files.newInputStream(file)) {
            into.write(d, blob.size(), in);
        }
        return true;
    }

    /**
     * Streams the archive once: blobs go into the store as they come (verified there), whatever
     * order the tar has; then everything index.json reaches must be present.
     */
    static List<LayoutRef> readArchive(Path archive, ContentStore into) throws IOException {
        byte[] layoutFile = null;
        byte[] indexFile = null;
        try (TarArchiveInputStream tar = ImageTar.read(new BufferedInputStream(Files.newInputStream(archive)))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (!e.isFile()) {
                    continue;
                }
                String name = ImageTar.cleanName(e.getName());
                if (name.equals(OciLayout.LAYOUT_FILE)) {
                    layoutFile = tar.readAllBytes();
                } else if (name.equals(OciLayout.INDEX_FILE)) {
                    indexFile = tar.readAllBytes();
                } else if (name.startsWith("blobs/")) {
                    into.write(blobDigest(name), e.getSize(), new Unclosed(tar));
                }
            }
        }
        if (layoutFile == null || indexFile == null) {
            throw new ImageFormatException(archive + " is not an OCI archive: it lacks oci-layout or index.json");
        }
        LayoutFiles.checkLayoutFile(layoutFile);
        Index index = LayoutFiles.parseIndex(indexFile);
        for (Descriptor root : index.manifests()) {
            ImageWalk.blobs(into, root);
        }
        return LayoutFiles.refs(index);
    }

    static Index indexOfArchive(Path archive) throws IOException {
        try (TarArchiveInputStream tar = ImageTar.read(new BufferedInputStream(Files.newInputStream(archive)))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.isFile() && ImageTar.cleanName(e.getName()).equals(OciLayout.INDEX_FILE)) {
                    return LayoutFiles.parseIndex(tar.readAllBytes());
                }
            }
        }
        throw new ImageFormatException(archive + " is not an OCI archive: it has no index.json");
    }

    private static Digest blobDigest(String name) {
        String[] parts = name.split("/");
        try {
            if (parts.length == 3) {
                return new Digest(parts[1], parts[2]);
            }
        } catch (InvalidDigestException e) {
            throw new ImageFormatException("OCI archive entry " + name + " is not a blob path", e);
        }
        throw new ImageFormatException("OCI archive entry " + name + " is not a blob path");
    }

    /** Keeps the store from closing the tar stream after one entry. */
    private static final class Unclosed extends FilterInputStream {
        Unclosed(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // The tar stream outlives its entries.
        }
    }
}
