package dev.stagecraft.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagecraft.archive.Compression;
import dev.stagecraft.archive.LayerWriter;
import dev.stagecraft.archive.WrittenLayer;
import dev.stagecraft.content.BlobWriter;
import dev.stagecraft.content.Descriptor;
import dev.stagecraft.content.Digest;
import dev.stagecraft.content.LocalContentStore;
import dev.stagecraft.content.MediaTypes;
import dev.stagecraft.image.ImageDocument;
import dev.stagecraft.image.ImageJson;
import dev.stagecraft.image.Manifest;
import dev.stagecraft.image.layout.OciLayout;
import dev.stagecraft.image.transfer.PullResult;
import dev.stagecraft.image.transfer.Puller;
import dev.stagecraft.image.transfer.Pusher;
import dev.stagecraft.reference.ImageReference;
import dev.stagecraft.registry.auth.CredentialProvider;
import dev.stagecraft.registry.auth.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * skopeo as an independent client of the same registry: what stagecraft pushes, skopeo reads and
 * copies under the same digests; what skopeo pushes (from an OCI layout stagecraft wrote),
 * stagecraft pulls with identical manifest, config and layer digests; with Basic auth too.
 */
class SkopeoInteropIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestRegistry open;
    private static TestRegistry authed;
    private static ExecutorService pool;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        assertThat(Files.isExecutable(Path.of("/usr/bin/skopeo"))).as("skopeo must be installed (apt-get install skopeo)")
                .isTrue();
        open = TestRegistry.start(false);
        authed = TestRegistry.start(true);
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stop() throws IOException {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (open != null) {
            open.close();
        }
        if (authed != null) {
            authed.close();
        }
    }

    private static Registries registries(boolean withCredentials) {
        CredentialProvider credentials = withCredentials
                ? r -> Optional.of(Credentials.basic(TestRegistry.USER, TestRegistry.PASSWORD))
                : CredentialProvider.ANONYMOUS;
        return new Registries(RegistryOptions.defaults().withCredentials(credentials));
    }

    /** An OCI image of two real gzip layers (made by {@link LayerWriter}) and a config. */
    private ImageDocument.OfManifest image(LocalContentStore store, String seed) throws IOException {
        List<Descriptor> layers = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path tree = Files.createDirectories(tmp.resolve("tree-" + seed + "-" + i + "/etc"));
            Files.writeString(tree.resolve("layer"), seed + " layer " + i + "\n".repeat(1000));
            WrittenLayer layer;
            try (BlobWriter out = store.writer()) {
                layer = LayerWriter.builder().compression(Compression.GZIP).mtime(Instant.parse("2024-01-01T00:00:00Z"))
                        .owner(0, 0).build().write(tree.getParent(), out);
                out.commit();
            }
            layers.add(Descriptor.of(layer.mediaType(), layer.digest(), layer.size()));
            diffIds.add("\"" + layer.diffId() + "\"");
        }
        byte[] config = ("{\"created\":\"2024-01-02T03:04:05Z\",\"architecture\":\"amd64\",\"os\":\"linux\","
                + "\"config\":{\"Env\":[\"SEED=" + seed + "\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                + String.join(",", diffIds) + "]}}").getBytes(StandardCharsets.UTF_8);
        Digest configDigest = store.write(config);
        ImageDocument.OfManifest manifest = ImageJson.write(Manifest.oci(
                Descriptor.of(MediaTypes.OCI_CONFIG, configDigest, config.length), layers));
        store.write(manifest.raw());
        return manifest;
    }

    private String skopeo(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, "skopeo", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("skopeo finished").isTrue();
        String output = Files.readString(log);
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    private static List<String> credsFor(String flag, boolean auth) {
        return auth ? List.of(flag, TestRegistry.USER + ":" + TestRegistry.PASSWORD) : List.of();
    }

    private void stagecraftPushIsReadAndCopiedBySkopeo(TestRegistry registry, boolean auth) throws Exception {
        LocalContentStore store = LocalContentStore.open(tmp.resolve("store"));
        ImageDocument.OfManifest image = image(store, "push-" + auth);
        String from = registry.host() + "/interop/by-stagecraft:1";
        String to = registry.host() + "/interop/copied-by-skopeo:1";
        var pushed = new Pusher(registries(auth), store, pool).push(ImageReference.parse(from), image.descriptor());
        assertThat(pushed.reference().digest()).hasValue(image.digest().toString());

        List<String> inspect = new ArrayList<>(List.of("inspect", "--tls-verify=false"));
        inspect.addAll(credsFor("--creds", auth));
        inspect.add("docker://" + from);
        JsonNode info = JSON.readTree(skopeo(inspect.toArray(String[]::new)));
        assertThat(info.path("Digest").asText()).isEqualTo(image.digest().toString());
        assertThat(info.path("Layers")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(image.manifest().layers().stream().map(Descriptor::digest).toList());
        assertThat(info.path("Env").toString()).contains("SEED=push-" + auth);

        List<String> copy = new ArrayList<>(List.of("copy", "-q", "--preserve-digests", "--src-tls-verify=false",
                "--dest-tls-verify=false"));
        copy.addAll(credsFor("--src-creds", auth));
        copy.addAll(credsFor("--dest-creds", auth));
        copy.addAll(List.of("docker://" + from, "docker://" + to));
        skopeo(copy.toArray(String[]::new));
        FetchedManifest copied = registries(auth).client(registry.host()).getManifest("interop/copied-by-skopeo", "1");
        assertThat(copied.digest()).isEqualTo(image.digest());
    }

    private void skopeoPushIsPulledByStagecraft(TestRegistry registry, boolean auth) throws Exception {
        LocalContentStore source = LocalContentStore.open(tmp.resolve("layout-source"));
        ImageDocument.OfManifest image = image(source, "skopeo-" + auth);
        Path layout = tmp.resolve("layout");
        OciLayout.write(source, image.descriptor(), "v1", layout);
        String ref = registry.host() + "/interop/by-skopeo:1";
        List<String> copy = new ArrayList<>(List.of("copy", "-q", "--dest-tls-verify=false"));
        copy.addAll(credsFor("--dest-creds", auth));
        copy.addAll(List.of("oci:" + layout + ":v1", "docker://" + ref));
        skopeo(copy.toArray(String[]::new));

        LocalContentStore target = LocalContentStore.open(tmp.resolve("pulled"));
        PullResult pulled = new Puller(registries(auth), target, pool).pull(ImageReference.parse(ref));
        assertThat(pulled.manifest().digest()).isEqualTo(image.digest().toString());
        ImageDocument doc = ImageJson.parseManifestOrIndex(target.read(image.digest()), pulled.manifest().mediaType());
        Manifest manifest = ((ImageDocument.OfManifest) doc).manifest();
        assertThat(manifest.config().digest()).isEqualTo(image.manifest().config().digest());
        assertThat(manifest.layers()).extracting(Descriptor::digest)
                .containsExactlyElementsOf(image.manifest().layers().stream().map(Descriptor::digest).toList());
        for (Descriptor d : manifest.layers()) {
            assertThat(Digest.sha256(target.read(d.parsedDigest()))).isEqualTo(d.parsedDigest());
        }
    }

    @Test
    void whatStagecraftPushesSkopeoReadsAndCopiesUnderTheSameDigest() throws Exception {
        stagecraftPushIsReadAndCopiedBySkopeo(open, false);
    }

    @Test
    void whatSkopeoPushesStagecraftPullsWithIdenticalDigests() throws Exception {
        skopeoPushIsPulledByStagecraft(open, false);
    }

    @Test
    void withBasicAuthStagecraftPushesAreReadAndCopiedBySkopeo() throws Exception {
        stagecraftPushIsReadAndCopiedBySkopeo(authed, true);
    }

    @Test
    void withBasicAuthSkopeoPushesArePulledByStagecraft() throws Exception {
        skopeoPushIsPulledByStagecraft(authed, true);
    }
}
