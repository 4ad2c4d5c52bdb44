package dev.stagecraft.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code stagecraft __warmup [CONTEXT]}: runs the commands people run most, offline, so that the
 * launcher can record the classes they load in its class-data-sharing archive
 * ({@code -XX:ArchiveClassesAtExit}): a plan of {@code CONTEXT}, then a pull, tag, push, images
 * and inspect against an in-process registry ({@link WarmupRegistry}) with a throwaway root, then
 * a build without RUN steps on the pulled image, then the same build again from the build cache.
 * Hidden: it is the launcher's business, not the user's.
 */
@Command(name = WarmupCommand.NAME, hidden = true,
        description = "Runs plan, pull and push offline, to record their classes for faster start-up.")
final class WarmupCommand implements Callable<Integer> {
    static final String NAME = "__warmup";
    private static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
    private static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONTEXT", description = "A Dockerfile context to plan.")
    Path context;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        int failures = 0;
        if (context != null) {
            failures += Main.run("plan", context.toString()) == 0 ? 0 : 1;
        }
        Path root = Files.createTempDirectory("stagecraft-warmup");
        try (WarmupRegistry registry = new WarmupRegistry()) {
            String image = registry.host() + "/warmup/image:1";
            String pushed = registry.host() + "/warmup/pushed:1";
            seed(registry);
            String r = root.toString();
            // A build without RUN (no runtime needed): front end, solver, snapshots, COPY, image
            // assembly and the store, on top of the pulled image.
            Path build = Files.createDirectories(root.resolve("build-context"));
            Files.writeString(build.resolve("Dockerfile"), "FROM " + image + "\nWORKDIR /w\nCOPY a /w/a\n");
            Files.writeString(build.resolve("a"), "warm-up\n");
            for (String[] command : new String[][] {
                {"pull", "-q", "--root", r, image},
                {"pull", "--root", r, image},
                {"tag", "--root", r, image, pushed},
                {"push", "--root", r, pushed},
                {"images", "--root", r},
                {"inspect", "--root", r, pushed},
                {"rmi", "--root", r, pushed},
                {"build", "-q", "--root", r, "-t", "warmup/built:1", build.toString()},
                // Again, with plain progress: every step from the build cache.
                {"build", "--root", r, "-t", "warmup/built:2", build.toString()},
            }) {
                if (Main.run(command) != 0) {
                    err.println("warm-up: stagecraft " + String.join(" ", command) + " failed");
                    failures++;
                }
            }
        } finally {
            deleteTree(root);
        }
        return failures == 0 ? 0 : 1;
    }

    /** A one-layer image (an empty tar) under {@code warmup/image:1}. */
    private static void seed(WarmupRegistry registry) throws IOException {
        byte[] tar = new byte[1024];
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar);
        }
        byte[] layer = gz.toByteArray();
        String layerDigest = registry.putBlob(layer);
        String arch = switch (System.getProperty("os.arch")) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> System.getProperty("os.arch");
        };
        byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":"
                + "\"layers\",\"diff_ids\":[\"" + WarmupRegistry.sha256(tar) + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        String configDigest = registry.putBlob(config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\",\"config\":{\"mediaType\":\""
                + CONFIG_TYPE + "\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},\"layers\":[{"
                + "\"mediaType\":\"" + LAYER_TYPE + "\",\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length
                + "}]}").getBytes(StandardCharsets.UTF_8);
        registry.putManifest("warmup/image", "1", MANIFEST_TYPE, manifest);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
