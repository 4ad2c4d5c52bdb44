package dev.stagecraft.image.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagecraft.archive.Compression;
import dev.stagecraft.archive.LayerFormatException;
import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.image.ImageConfig;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageFormatException;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.ImageTar;
import dev.stagecraft.image.Manifest;
import dev.stagecraft.io.FileTrees;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The docker-archive format of {@code docker save} / {@code docker load}: a tar with
 * {@code manifest.json}, the configs as {@code <config hex>.json}, the layers as uncompressed
 * {@code <diff id hex>/layer.tar} and a legacy {@code repositories} file, the layout Docker 20.10
 * writes and every later {@code docker load} and skopeo read.
 */
public final class DockerArchive {
    static final String MANIFEST_FILE = "manifest.json";
    static final String REPOSITORIES_FILE = "repositories";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private DockerArchive() {
    }

    /**
     * Writes {@code images} (manifests in {@code store}) as a docker-archive to {@code out}, which
     * stays open. Compressed layers are decompressed on the way and checked against the config's
     * diff ids.
     *
     * @return for each image, the OCI manifest of what the archive holds (its config, its layers
     *         uncompressed); it is what {@link #read} of the archive gives, not stored anywhere
     * @throws ImageFormatException when an image is an index, or its layers do not match its config
     */
    public static List<LoadedImage> write(ContentStore store, List<ArchiveImage> images, OutputStream out)
            throws IOException {
        TarArchiveOutputStream tar = ImageTar.open(out);
        List<ArchiveManifestEntry> entries = new ArrayList<>();
        List<LoadedImage> result = new ArrayList<>();
        Map<String, Map<String, String>> repositories = new TreeMap<>();
        Map<Digest, Long> layersWritten = new LinkedHashMap<>();
        Map<Digest, Boolean> configsWritten = new LinkedHashMap<>();
        Path scratch = Files.createTempDirectory("stagecraft-docker-archive-");
        try {
            for (ArchiveImage image : images) {
                Manifest manifest = readManifest(store, image.manifest());
                Digest configDigest = manifest.config().parsedDigest();
                byte[] config = store.read(configDigest);
                List<Digest> diffIds = diffIds(config, manifest);
                List<String> layerPaths = new ArrayList<>();
                List<Descriptor> layers = new ArrayList<>();
                for (int i = 0; i < diffIds.size(); i++) {
                    Digest diffId = diffIds.get(i);
                    if (!layersWritten.containsKey(diffId)) {
                        layersWritten.put(diffId, writeLayer(store, manifest.layers().get(i), diffId, tar, scratch));
                    }
                    layerPaths.add(diffId.hex() + "/layer.tar");
                    layers.add(Descriptor.of(MediaTypes.OCI_LAYER, diffId, layersWritten.get(diffId)));
                }
                String configPath = configDigest.hex() + ".json";
                if (configsWritten.put(configDigest, true) == null) {
                    ImageTar.file(tar, configPath, config);
                }
                entries.add(new ArchiveManifestEntry(configPath, image.repoTags(), layerPaths));
                addRepositories(repositories, image.repoTags(), layerPaths);
                Descriptor configDescriptor = Descriptor.of(MediaTypes.OCI_CONFIG, configDigest, config.length);
                result.add(new LoadedImage(ImageJson.write(Manifest.oci(configDescriptor, layers)), image.repoTags()));
            }
            ImageTar.file(tar, MANIFEST_FILE, MAPPER.writeValueAsBytes(entries));
            if (!repositories.isEmpty()) {
                ImageTar.file(tar, REPOSITORIES_FILE, MAPPER.writeValueAsBytes(repositories));
            }
            tar.finish();
            tar.flush();
            return result;
        } finally {
            FileTrees.deleteRecursively(scratch);
        }
    }

    /** Writes a docker-archive to the file {@code archive}; see {@link #write(ContentStore, List, OutputStream)}. */
    public static List<LoadedImage> write(ContentStore store, List<ArchiveImage> images, Path archive)
            throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(archive))) {
            return write(store, images, out);
        }
    }

    /**
     * Imports a docker-archive (from {@code docker save}, skopeo or {@link #write}) into
     * {@code into}: each config as it is, each layer as an uncompressed tar verified against the
     * config's diff id, and an OCI manifest made for each image and stored.
     *
     * @throws ImageFormatException when the archive is malformed or a file it lists is missing
     * @throws dev.stagecraft.content.DigestMismatchException when a layer does not match its diff id
     */
    public static List<LoadedImage> read(Path archive, ContentStore into) throws IOException {
        return DockerArchiveReader.read(archive, into);
    }

    private static Manifest readManifest(ContentStore store, Digest digest) throws IOException {
        ImageDocument doc = ImageJson.parseManifestOrIndex(store.read(digest), null);
        if (doc instanceof ImageDocument.OfManifest m) {
            return m.manifest();
        }
        throw new ImageFormatException(digest + " is a multi-platform index; a docker-archive holds one platform"
                + " per image: select one first");
    }

    /** The config's diff ids, which must pair up with the manifest's layers. */
    static List<Digest> diffIds(byte[] config, Manifest manifest) {
        List<String> ids = ImageConfig.fromJson(config).rootfs().diffIds();
        if (manifest != null && ids.size() != manifest.layers().size()) {
            throw new ImageFormatException("image config lists " + ids.size() + " diff ids for "
                    + manifest.layers().size() + " layers");
        }
        try {
            return ids.stream().map(Digest::parse).toList();
        } catch (RuntimeException e) {
            throw new ImageFormatException("image config has an invalid diff id: " + e.getMessage(), e);
        }
    }

    /**
     * Writes one layer as {@code <diff id hex>/layer.tar}. A tar header needs the size first, so the
     * uncompressed layer goes through a scratch file, where its digest is checked too.
     */
    private static long writeLayer(ContentStore store, Descriptor layer, Digest diffId, TarArchiveOutputStream tar,
            Path scratch) throws IOException {
        Path file = scratch.resolve(diffId.hex());
        MessageDigest md = diffId.newMessageDigest();
        try (InputStream blob = store.open(layer.parsedDigest());
                InputStream plain = uncompressed(layer.mediaType(), blob);
                OutputStream copy = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), md)) {
            plain.transferTo(copy);
        }
        String actual = HexFormat.of().formatHex(md.digest());
        if (!actual.equals(diffId.hex())) {
            throw new ImageFormatException("layer " + layer.digest() + " uncompresses to " + diffId.algorithm() + ":"
                    + actual + ", but the config says " + diffId);
        }
        long size = Files.size(file);
        ImageTar.directory(tar, diffId.hex());
        try (InputStream in = Files.newInputStream(file)) {
            ImageTar.file(tar, diffId.hex() + "/layer.tar", size, in);
        }
        Files.delete(file);
        return size;
    }

    /**
     * The legacy {@code repositories} file maps repository to tag to top layer id. Docker reads it
     * only for archives without manifest.json, but writes it, and older tools expect it.
     */
    private static void addRepositories(Map<String, Map<String, String>> repositories, List<String> repoTags,
            List<String> layerPaths) {
        if (layerPaths.isEmpty()) {
            return;
        }
        String top = layerPaths.get(layerPaths.size() - 1);
        String topId = top.substring(0, top.indexOf('/'));
        for (String repoTag : repoTags) {
            int colon = repoTag.lastIndexOf(':');
            if (colon > repoTag.lastIndexOf('/') && !repoTag.contains("@")) {
                repositories.computeIfAbsent(repoTag.substring(0, colon), k -> new TreeMap<>())
                        .put(repoTag.substring(colon + 1), topId);
            }
        }
    }

    /** The uncompressed tar of a layer blob: docker-archive layers are always plain tar. */
    private static InputStream uncompressed(String mediaType, InputStream blob) throws IOException {
        Compression compression;
        try {
            compression = Compression.ofMediaType(mediaType);
        } catch (LayerFormatException e) {
            throw new ImageFormatException("cannot export a layer of media type " + mediaType + " to a docker-archive");
        }
        return compression.wrap(blob);
    }
}
