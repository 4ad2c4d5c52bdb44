package dev.stagecraft.differential.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The one image of a docker-archive ({@code docker save}, stagecraft's {@code type=docker}
 * output): its config exactly as stored and its layers as uncompressed tars, in order.
 *
 * @param config the config blob's bytes
 * @param layers the layer tars, bottom first, extracted next to the archive
 */
public record SavedImage(byte[] config, List<Path> layers) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SavedImage {
        layers = List.copyOf(layers);
    }

    /** The config as a JSON tree. */
    public JsonNode configJson() throws IOException {
        return JSON.readTree(config);
    }

    /**
     * Reads {@code archive}, extracting its files under {@code dir} (created). {@code docker save}
     * writes a layer shared by several images once and links the other names to it, so symbolic
     * links inside the archive are followed.
     */
    public static SavedImage read(Path archive, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path root = dir.toAbsolutePath().normalize();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
            TarArchiveInputStream tar = new TarArchiveInputStream(in);
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = TarTree.normalize(e.getName());
                if (name.isEmpty()) {
                    continue;
                }
                Path target = inside(root, name, archive);
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isSymbolicLink()) {
                    inside(root, root.relativize(target.getParent().resolve(e.getLinkName()).normalize()).toString(),
                            archive);
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                } else if (e.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path manifestFile = root.resolve("manifest.json");
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException(archive + " is not a docker-archive: it has no manifest.json");
        }
        JsonNode manifest = JSON.readTree(manifestFile.toFile());
        if (!manifest.isArray() || manifest.size() != 1) {
            throw new IOException(archive + ": manifest.json should list one image, it lists " + manifest.size());
        }
        JsonNode image = manifest.get(0);
        byte[] config = Files.readAllBytes(inside(root, image.path("Config").asText(), archive));
        List<Path> layers = new ArrayList<>();
        for (JsonNode layer : image.path("Layers")) {
            layers.add(inside(root, layer.asText(), archive));
        }
        return new SavedImage(config, layers);
    }

    private static Path inside(Path root, String name, Path archive) throws IOException {
        Path p = root.resolve(name).normalize();
        if (name.isEmpty() || !p.startsWith(root)) {
            throw new IOException(archive + ": entry " + name + " is outside the archive");
        }
        return p;
    }
}
