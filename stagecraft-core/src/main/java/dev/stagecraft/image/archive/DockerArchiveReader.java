package dev.stagecraft.image.archive;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stagecraft.archive.Compression;
import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.DigestMismatchException;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageFormatException;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.ImageTar;
import dev.stagecraft.image.Manifest;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads docker-archives. The tar order is not fixed ({@code docker save} puts manifest.json last),
 * and layers must be verified against diff ids that only the configs give, so the file is read in
 * three passes: manifest.json and links, then configs, then layers, streamed into the store.
 */
final class DockerArchiveReader {
    private static final Pattern DIGEST_NAMED = Pattern.compile("(?:blobs/sha256/)?([0-9a-f]{64})(?:\\.json)?");
    /** Docker save links a layer that occurs twice to its first copy; a few hops are plenty. */
    private static final int MAX_LINK_HOPS = 8;

    @FunctionalInterface
    private interface EntryHandler {
        void handle(String name, TarArchiveEntry entry, TarArchiveInputStream tar) throws IOException;
    }

    private DockerArchiveReader() {
    }

    static List<LoadedImage> read(Path archive, ContentStore into) throws IOException {
        Map<String, String> links = new HashMap<>();
        byte[][] manifestJson = new byte[1][];
        scan(archive, (name, e, tar) -> {
            if (e.isSymbolicLink() || e.isLink()) {
                checkLinkInside(name, e);
                links.put(name, e.isSymbolicLink() ? resolve(parent(name), e.getLinkName())
                        : ImageTar.cleanName(e.getLinkName()));
            } else if (e.isFile() && name.equals(DockerArchive.MANIFEST_FILE)) {
                manifestJson[0] = tar.readAllBytes();
            }
        });
        if (manifestJson[0] == null) {
            throw new ImageFormatException(archive + " is not a docker-archive: it has no manifest.json");
        }
        List<ArchiveManifestEntry> entries = parseEntries(manifestJson[0]);

        Map<String, byte[]> configs = new HashMap<>();
        for (ArchiveManifestEntry entry : entries) {
            configs.put(follow(entry.config(), links), null);
        }
        scan(archive, (name, e, tar) -> {
            if (e.isFile() && configs.containsKey(name)) {
                configs.put(name, tar.readAllBytes());
            }
        });

        Map<String, Digest> wantedLayers = new HashMap<>();
        List<List<Digest>> diffIdsPerImage = new ArrayList<>();
        for (ArchiveManifestEntry entry : entries) {
            byte[] config = configs.get(follow(entry.config(), links));
            if (config == null) {
                throw new ImageFormatException("docker-archive lacks the config " + entry.config());
            }
            checkConfigName(follow(entry.config(), links), config);
            List<Digest> diffIds = DockerArchive.diffIds(config, null);
            if (diffIds.size() != entry.layers().size()) {
                throw new ImageFormatException("docker-archive lists " + entry.layers().size() + " layers for "
                        + diffIds.size() + " diff ids in " + entry.config());
            }
            for (int i = 0; i < diffIds.size(); i++) {
                Digest previous = wantedLayers.put(follow(entry.layers().get(i), links), diffIds.get(i));
                if (previous != null && !previous.equals(diffIds.get(i))) {
                    throw new ImageFormatException("layer " + entry.layers().get(i) + " is given two diff ids");
                }
            }
            diffIdsPerImage.add(diffIds);
        }

        Map<Digest, Long> sizes = new HashMap<>();
        scan(archive, (name, e, tar) -> {
            Digest diffId = wantedLayers.get(name);
            if (e.isFile() && diffId != null && !sizes.containsKey(diffId)) {
                try (InputStream plain = Compression.decompressing(new Unclosed(tar))) {
                    into.write(diffId, -1, plain);
                }
                sizes.put(diffId, into.size(diffId).orElseThrow());
            }
        });

        List<LoadedImage> result = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ArchiveManifestEntry entry = entries.get(i);
            byte[] config = configs.get(follow(entry.config(), links));
            List<Descriptor> layers = new ArrayList<>();
            for (int j = 0; j < entry.layers().size(); j++) {
                Digest diffId = diffIdsPerImage.get(i).get(j);
                Long size = sizes.get(diffId);
                if (size == null) {
                    throw new ImageFormatException("docker-archive lacks the layer " + entry.layers().get(j));
                }
                layers.add(Descriptor.of(MediaTypes.OCI_LAYER, diffId, size));
            }
            Descriptor configDescriptor = Descriptor.of(MediaTypes.OCI_CONFIG, into.write(config), config.length);
            ImageDocument.OfManifest manifest = ImageJson.write(Manifest.oci(configDescriptor, layers));
            into.write(manifest.raw());
            result.add(new LoadedImage(manifest, entry.repoTags()));
        }
        return result;
    }

    /**
     * A config named by its digest ({@code <hex>.json}, or {@code blobs/sha256/<hex>} in the
     * archives docker 25 writes) must have that digest: the name is the image id the user sees.
     */
    private static void checkConfigName(String path, byte[] config) {
        Matcher m = DIGEST_NAMED.matcher(path);
        if (m.matches()) {
            Digest actual = Digest.sha256(config);
            if (!actual.hex().equals(m.group(1))) {
                throw new DigestMismatchException("docker-archive config " + path + " has digest " + actual);
            }
        }
    }

    /** Refuses names with {@code ..}: nothing inside an image archive has a reason to point out of it. */
    private static String checkInside(String name) {
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new ImageFormatException("docker-archive entry " + name + " points outside the archive");
            }
        }
        return name;
    }

    /** A link may go up ({@code ../<id>/layer.tar}, as docker save writes), but not above the archive. */
    private static void checkLinkInside(String name, TarArchiveEntry e) {
        String target = e.getLinkName();
        int depth = target.startsWith("/") || e.isLink() ? 0 : parent(name).split("/").length
                - (parent(name).isEmpty() ? 1 : 0);
        for (String part : target.split("/")) {
            if (part.equals("..") && --depth < 0) {
                throw new ImageFormatException("docker-archive entry " + name + " links to " + target
                        + ", outside the archive");
            }
            if (!part.isEmpty() && !part.equals(".") && !part.equals("..")) {
                depth++;
            }
        }
    }

    private static List<ArchiveManifestEntry> parseEntries(byte[] json) {
        try {
            List<ArchiveManifestEntry> entries = DockerArchive.MAPPER.readValue(json, new TypeReference<>() { });
            for (ArchiveManifestEntry e : entries) {
                if (e == null || e.config() == null) {
                    throw new ImageFormatException("docker-archive manifest.json has an entry without Config");
                }
            }
            return entries;
        } catch (IOException e) {
            throw new ImageFormatException("malformed docker-archive manifest.json: " + e.getMessage(), e);
        }
    }

    private static void scan(Path archive, EntryHandler handler) throws IOException {
        try (TarArchiveInputStream tar = ImageTar.read(new BufferedInputStream(Files.newInputStream(archive)))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                handler.handle(checkInside(ImageTar.cleanName(e.getName())), e, tar);
            }
        }
    }

    /** Follows links from {@code path} to the entry that holds the content. */
    private static String follow(String path, Map<String, String> links) {
        String p = resolve("", checkInside(path));
        for (int hops = 0; links.containsKey(p); hops++) {
            if (hops == MAX_LINK_HOPS) {
                throw new ImageFormatException("docker-archive links loop at " + path);
            }
            p = links.get(p);
        }
        return p;
    }

    /** {@code target} relative to the directory {@code base}, with {@code .} and {@code ..} resolved. */
    static String resolve(String base, String target) {
        Deque<String> parts = new ArrayDeque<>();
        String joined = target.startsWith("/") ? target : base + "/" + target;
        for (String part : joined.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                // Above the archive root is the root itself, as for extraction.
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    private static String parent(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    /** Keeps the decompressor from closing the tar stream after one entry. */
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
