package dev.stagecraft.image.layout;

import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.image.ImageFormatException;
import dev.stagecraft.image.ImageTar;
import dev.stagecraft.image.ImageWalk;
import dev.stagecraft.image.Index;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * OCI image layouts (image-spec {@code image-layout.md}): a directory with {@code oci-layout},
 * {@code index.json} and {@code blobs/<algorithm>/<hex>}, and the OCI archive, which is that
 * directory as a tar. Images are written from a {@link ContentStore} and read into one; every blob
 * read is verified against its digest by the store.
 */
public final class OciLayout {
    /** The annotation naming an entry of {@code index.json}. */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    static final String LAYOUT_FILE = "oci-layout";
    static final String INDEX_FILE = "index.json";

    private OciLayout() {
    }

    /**
     * Writes {@code root} (a manifest or index in {@code store}) and every blob it references into
     * the layout directory {@code dir}, listed under {@code refName} (null for no name). An existing
     * layout is added to: an entry of the same name is replaced, other entries and blobs stay.
     */
    public static void write(ContentStore store, Descriptor root, String refName, Path dir) throws IOException {
        write(store, List.of(new LayoutRef(refName, root)), dir);
    }

    /** Writes several images into the layout directory {@code dir}; see {@link #write(ContentStore, Descriptor, String, Path)}. */
    public static void write(ContentStore store, List<LayoutRef> refs, Path dir) throws IOException {
        List<Descriptor> existing = List.of();
        if (Files.exists(dir.resolve(INDEX_FILE))) {
            LayoutFiles.checkLayoutFile(Files.readAllBytes(dir.resolve(LAYOUT_FILE)));
            existing = LayoutFiles.parseIndex(Files.readAllBytes(dir.resolve(INDEX_FILE))).manifests();
        } else if (Files.isDirectory(dir) && !isEmpty(dir)) {
            throw new ImageFormatException(dir + " is neither empty nor an OCI layout");
        }
        Files.createDirectories(dir);
        for (LayoutRef ref : refs) {
            for (Descriptor blob : ImageWalk.blobs(store, ref.descriptor())) {
                if (store.exists(blob.parsedDigest())) {
                    writeBlob(store, blob.parsedDigest(), dir);
                }
            }
        }
        replaceAtomically(dir.resolve(LAYOUT_FILE), LayoutFiles.LAYOUT_JSON);
        replaceAtomically(dir.resolve(INDEX_FILE), LayoutFiles.indexJson(merge(existing, refs)));
    }

    /** Writes an OCI archive (the layout as a tar) of {@code refs} to {@code out}, which stays open. */
    public static void writeArchive(ContentStore store, List<LayoutRef> refs, OutputStream out) throws IOException {
        writeArchiveEntries(store, merge(List.of(), refs), out);
    }

    /**
     * Writes an OCI archive whose {@code index.json} lists {@code entries} exactly as given,
     * annotations included: several entries may share a ref name, as in the archives
     * {@code docker save} writes for images of one tag in different repositories.
     */
    public static void writeArchiveEntries(ContentStore store, List<Descriptor> entries, OutputStream out)
            throws IOException {
        TarArchiveOutputStream tar = ImageTar.open(out);
        ImageTar.file(tar, LAYOUT_FILE, LayoutFiles.LAYOUT_JSON);
        ImageTar.directory(tar, "blobs");
        Map<String, Boolean> dirs = new HashMap<>();
        Map<Digest, Boolean> written = new HashMap<>();
        for (Descriptor entry : entries) {
            for (Descriptor blob : ImageWalk.blobs(store, entry)) {
                Digest d = blob.parsedDigest();
                if (!store.exists(d) || written.put(d, true) != null) {
                    continue;
                }
                if (dirs.put(d.algorithm(), true) == null) {
                    ImageTar.directory(tar, "blobs/" + d.algorithm());
                }
                long size = store.size(d).orElseThrow();
                try (InputStream in = store.open(d)) {
                    ImageTar.file(tar, "blobs/" + d.algorithm() + "/" + d.hex(), size, in);
                }
            }
        }
        ImageTar.file(tar, INDEX_FILE, LayoutFiles.indexJson(entries));
        tar.finish();
        tar.flush();
    }

    /** Writes an OCI archive of {@code refs} to the file {@code archive}. */
    public static void writeArchive(ContentStore store, List<LayoutRef> refs, Path archive) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(archive))) {
            writeArchive(store, refs, out);
        }
    }

    /**
     * Imports an OCI layout directory or OCI archive into {@code into}: every blob its
     * {@code index.json} reaches, each verified against its digest. Returns the entries of
     * {@code index.json}.
     *
     * @throws ImageFormatException when the layout is malformed or a blob is missing
     * @throws dev.stagecraft.content.DigestMismatchException when a blob does not match its digest
     */
    public static List<LayoutRef> read(Path layout, ContentStore into) throws IOException {
        return Files.isDirectory(layout) ? LayoutReader.readDirectory(layout, into)
                : LayoutReader.readArchive(layout, into);
    }

    /** The entries of the {@code index.json} of a layout directory or OCI archive, without importing. */
    public static List<LayoutRef> refs(Path layout) throws IOException {
        Index index = Files.isDirectory(layout)
                ? LayoutFiles.parseIndex(Files.readAllBytes(layout.resolve(INDEX_FILE)))
                : LayoutReader.indexOfArchive(layout);
        return LayoutFiles.refs(index);
    }

    private static List<Descriptor> merge(List<Descriptor> existing, List<LayoutRef> refs) {
        Map<Object, Descriptor> byName = new LinkedHashMap<>();
        List<Descriptor> unnamed = new ArrayList<>();
        for (Descriptor d : existing) {
            String name = d.annotations() == null ? null : d.annotations().get(REF_NAME);
            if (name == null) {
                unnamed.add(d);
            } else {
                byName.put(name, d);
            }
        }
        for (LayoutRef ref : refs) {
            Descriptor d = LayoutFiles.named(ref.descriptor(), ref.name());
            if (ref.name() == null) {
                unnamed.add(d);
            } else {
                byName.remove(ref.name());
                byName.put(ref.name(), d);
            }
        }
        List<Descriptor> out = new ArrayList<>(unnamed);
        out.addAll(byName.values());
        return out;
    }

    private static void writeBlob(ContentStore store, Digest d, Path dir) throws IOException {
        Path target = dir.resolve("blobs").resolve(d.algorithm()).resolve(d.hex());
        long size = store.size(d).orElseThrow();
        // Blobs are content-addressed: one of the right size is the same blob, written before.
        if (Files.exists(target) && Files.size(target) == size) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".tmp-", "");
        try (InputStream in = store.open(d)) {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** index.json is replaced by rename, so a reader never sees half of it. */
    private static void replaceAtomically(Path file, byte[] content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), ".tmp-", "");
        try {
            Files.write(temp, content);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
