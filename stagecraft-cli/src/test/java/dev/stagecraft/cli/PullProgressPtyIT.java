package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.api.Images;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.content.ReferenceStore;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.Manifest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stagecraft pull} as a real process on a pseudo-terminal (util-linux {@code script}), from
 * a real registry (Debian's {@code docker-registry}): the screen it leaves shows
 * {@code <id>: Pull complete} for every layer, then the summary lines.
 */
class PullProgressPtyIT {
    private static final int LAYERS = 3;

    @TempDir
    Path tmp;

    private Process registry;

    @AfterEach
    void stopRegistry() throws InterruptedException {
        if (registry != null) {
            registry.destroy();
            registry.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String startRegistry() throws IOException, InterruptedException {
        Path binary = Path.of("/usr/bin/docker-registry");
        assertThat(Files.isExecutable(binary)).as("docker-registry must be installed (apt-get install docker-registry)")
                .isTrue();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = tmp.resolve("registry.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: "
                + tmp.resolve("registry-data") + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
        registry = new ProcessBuilder(binary.toString(), "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("registry.log").toFile()).start();
        // Ready when it accepts connections; each failed try waits on the process, not on a clock.
        for (int i = 0; i < 300; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return "127.0.0.1:" + port;
            } catch (IOException e) {
                assertThat(registry.waitFor(100, TimeUnit.MILLISECONDS)).as("docker-registry exited").isFalse();
            }
        }
        throw new IllegalStateException("docker-registry did not listen on " + port);
    }

    /** Stores an image of {@link #LAYERS} random layers under {@code ref} in {@code root}. */
    private static ImageDocument.OfManifest storeImage(Path root, String ref) throws IOException {
        LocalContentStore store = LocalContentStore.open(root);
        Random random = new Random(42);
        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < LAYERS; i++) {
            byte[] layer = new byte[300_000 * (i + 1)];
            random.nextBytes(layer);
            layers.add(Descriptor.of(MediaTypes.OCI_LAYER_GZIP, store.write(layer), layer.length));
        }
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        Digest configDigest = store.write(config);
        ImageDocument.OfManifest manifest = ImageJson.write(Manifest.oci(
                Descriptor.of(MediaTypes.OCI_CONFIG, configDigest, config.length), layers));
        store.write(manifest.raw());
        ReferenceStore.open(root).put(ref, manifest.descriptor());
        return manifest;
    }

    @Test
    void pullOnATerminalLeavesPullCompleteForEveryLayer() throws Exception {
        String host = startRegistry();
        String ref = host + "/pty/app:1";
        ImageDocument.OfManifest image = storeImage(tmp.resolve("source"), ref);
        Images.open(tmp.resolve("source")).push(ref);

        String raw = CliProcess.onTerminal(CliProcess.stagecraft("pull", "--root", tmp.resolve("pulled").toString(),
                ref).command(), Map.of(), 0);
        // Progress was drawn in place: the output moves the cursor up over earlier lines.
        assertThat(raw).contains("\u001b[2K").containsPattern("\u001b\\[\\d+A");

        List<String> screen = AnsiScreen.replay(raw);
        List<String> expected = new ArrayList<>();
        for (Descriptor layer : image.manifest().layers()) {
            expected.add(layer.digest().substring("sha256:".length(), "sha256:".length() + 12) + ": Pull complete");
        }
        assertThat(screen).as(String.join("\n", screen)).containsAll(expected);
        assertThat(screen).filteredOn(l -> l.contains(": ")).filteredOn(l -> l.matches("[0-9a-f]{12}: .*"))
                .hasSize(LAYERS);
        assertThat(screen).contains("Digest: " + image.digest(), ref);
    }

    @Test
    void quietPullThroughTheLauncherPrintsOnlyTheReference() throws Exception {
        String host = startRegistry();
        String ref = host + "/launcher/app:1";
        storeImage(tmp.resolve("source"), ref);
        Images.open(tmp.resolve("source")).push(ref);

        // The launcher at the top of the checkout, with the JVM options it gives pull and push.
        Path launcher = Path.of("..", "stagecraft").toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "pull", "-q", "--root",
                tmp.resolve("pulled").toString(), ref);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("STAGECRAFT_JAVA_OPTS");
        pb.redirectError(tmp.resolve("stderr").toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("stderr"))).isZero();
        assertThat(out).isEqualTo(ref + "\n");
    }
}
