package dev.stagecraft.image;

import com.github.luben.zstd.ZstdOutputStream;
import dev.stagecraft.content.ContentStore;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small images made by the tests themselves: layer tars of a few files, a config, a manifest. */
public final class TestImages {
    /** How a layer blob is compressed. */
    public enum Compression { NONE, GZIP, ZSTD }

    /**
     * An image in a store.
     *
     * @param manifest the stored manifest
     * @param config   the stored config bytes
     * @param diffIds  the uncompressed layer digests
     */
    public record Built(ImageDocument.OfManifest manifest, byte[] config, List<Digest> diffIds) {
        public Descriptor descriptor() {
            return manifest.descriptor();
        }
    }

    private TestImages() {
    }

    /** A layer tar with the given files (path to content), directories made as needed. */
    public static byte[] layerTar(Map<String, String> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            List<String> dirs = new ArrayList<>();
            for (var f : files.entrySet()) {
                String path = f.getKey();
                for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
                    String dir = path.substring(0, i + 1);
                    if (!dirs.contains(dir)) {
                        dirs.add(dir);
                        TarArchiveEntry e = new TarArchiveEntry(dir);
                        e.setMode(040755);
                        fill(e);
                        tar.putArchiveEntry(e);
                        tar.closeArchiveEntry();
                    }
                }
                byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(path);
                e.setMode(0100644);
                e.setSize(content.length);
                fill(e);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private static void fill(TarArchiveEntry e) {
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("root");
        e.setGroupName("root");
        e.setModTime(FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
    }

    /** Stores an OCI image whose layers hold {@code layers} (one map per layer), compressed as asked. */
    public static Built image(ContentStore store, Compression compression, String arch,
            List<Map<String, String>> layers) throws IOException {
        List<Descriptor> layerDescriptors = new ArrayList<>();
        List<Digest> diffIds = new ArrayList<>();
        for (Map<String, String> files : layers) {
            byte[] tar = layerTar(files);
            diffIds.add(Digest.sha256(tar));
            byte[] blob = compress(tar, compression);
            String type = switch (compression) {
                case NONE -> MediaTypes.OCI_LAYER;
                case GZIP -> MediaTypes.OCI_LAYER_GZIP;
                case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
            };
            layerDescriptors.add(Descriptor.of(type, store.write(blob), blob.length));
        }
        String diffIdJson = String.join(",", diffIds.stream().map(d -> "\"" + d + "\"").toList());
        byte[] config = ("{\"created\":\"2024-01-01T00:00:00Z\",\"architecture\":\"" + arch + "\",\"os\":\"linux\","
                + "\"config\":{\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"],"
                + "\"Cmd\":[\"/bin/sh\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIdJson + "]},"
                + "\"history\":[{\"created\":\"2024-01-01T00:00:00Z\",\"created_by\":\"COPY . / # buildkit\","
                + "\"comment\":\"buildkit.dockerfile.v0\"}]}").getBytes(StandardCharsets.UTF_8);
        Descriptor configDescriptor = Descriptor.of(MediaTypes.OCI_CONFIG, store.write(config), config.length);
        ImageDocument.OfManifest manifest = ImageJson.write(Manifest.oci(configDescriptor, layerDescriptors));
        store.write(manifest.raw());
        return new Built(manifest, config, diffIds);
    }

    private static byte[] compress(byte[] tar, Compression compression) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream c = switch (compression) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out);
            case ZSTD -> new ZstdOutputStream(out);
        }) {
            c.write(tar);
        }
        return out.toByteArray();
    }

    /** Runs a command, returning its output; fails with the output when it exits non-zero. */
    public static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    /** True when {@code name} is an executable on PATH. */
    public static boolean onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
