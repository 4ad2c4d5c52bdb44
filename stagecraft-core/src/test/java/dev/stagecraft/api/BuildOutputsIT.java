package dev.stagecraft.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagecraft.differential.build.DockerDaemon;
import dev.stagecraft.registry.TestRegistry;
import dev.stagecraft.testing.BusyboxRootfs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every output of a build, each checked by a tool that is not stagecraft: skopeo reads the OCI and
 * docker archives and the pushed image, umoci unpacks the OCI layout and runc runs the result.
 */
class BuildOutputsIT {
    private static final String BASE = "stagecraft.test/busybox:1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCKERFILE = """
            FROM %s
            RUN echo "hello from the image" > /hello \\
             && echo "someone:x:1234:1234::/home/someone:/bin/sh" >> /etc/passwd \\
             && mkdir -p /home/someone && chown 1234:1234 /home/someone
            USER someone
            CMD ["cat", "/hello"]
            """.formatted(BASE);

    @TempDir
    static Path shared;
    static Path root;
    static Path context;
    static TestRegistry registry;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() throws Exception {
        root = shared.resolve("root");
        Images.open(root).importTree(BusyboxRootfs.create(shared.resolve("rootfs")), BASE, null);
        context = Files.createDirectories(shared.resolve("context"));
        Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
        registry = TestRegistry.start(false);
    }

    @AfterAll
    static void stop() throws IOException {
        if (registry != null) {
            registry.close();
        }
    }

    private static BuildResult build(String... outputs) throws InterruptedException {
        BuildRequest.Builder b = BuildRequest.builder(context).root(root).tag("stagecraft.test/out:1");
        for (String o : outputs) {
            b.output(o);
        }
        return Stagecraft.build(b.build());
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    @Test
    void ociArchiveIsReadBySkopeoWithTheBuiltDigest() throws Exception {
        Path archive = tmp.resolve("image.tar");
        BuildResult result = build("type=oci,dest=" + archive);
        JsonNode inspect = JSON.readTree(run(tmp, "skopeo", "inspect", "--raw", "oci-archive:" + archive));
        assertThat(inspect.get("config").get("digest").asText()).isEqualTo(result.configDigest());
        JsonNode config = JSON.readTree(run(tmp, "skopeo", "inspect", "--config", "oci-archive:" + archive));
        assertThat(config.get("config").get("User").asText()).isEqualTo("someone");
        assertThat(config.get("config").get("Cmd").toString()).isEqualTo("[\"cat\",\"/hello\"]");
    }

    @Test
    void ociLayoutUnpackedByUmociRunsInRunc() throws Exception {
        Path layout = tmp.resolve("layout");
        build("type=oci,dest=" + layout + ",tar=false");
        String refName = JSON.readTree(layout.resolve("index.json").toFile()).get("manifests").get(0)
                .get("annotations").get("org.opencontainers.image.ref.name").asText();
        run(tmp, "umoci", "unpack", "--image", layout + ":" + refName, "bundle");
        Path bundle = tmp.resolve("bundle");
        // umoci writes a terminal process; a test has no terminal.
        String spec = Files.readString(bundle.resolve("config.json")).replace("\"terminal\": true", "\"terminal\": false")
                .replace("\"terminal\":true", "\"terminal\":false");
        Files.writeString(bundle.resolve("config.json"), spec);
        String out = run(bundle, "runc", "--root", tmp.resolve("runc").toString(), "run", "--bundle",
                bundle.toString(), "stagecraft-out-" + ProcessHandle.current().pid());
        assertThat(out).isEqualTo("hello from the image\n");
        assertThat(Files.getAttribute(bundle.resolve("rootfs/home/someone"), "unix:uid")).isEqualTo(1234);
    }

    @Test
    void dockerArchiveIsReadBySkopeo() throws Exception {
        Path archive = tmp.resolve("docker.tar");
        BuildResult result = build("type=docker,dest=" + archive);
        JsonNode config = JSON.readTree(run(tmp, "skopeo", "inspect", "--config", "docker-archive:" + archive));
        assertThat(config.get("rootfs").get("diff_ids")).hasSize(2);
        String manifest = run(tmp, "tar", "-xOf", archive.toString(), "manifest.json");
        assertThat(manifest).contains("stagecraft.test/out:1", result.configDigest().substring(7));
    }

    @Test
    void tarAndLocalOutputsHoldTheFinalFilesystem() throws Exception {
        Path tar = tmp.resolve("fs.tar");
        Path dir = tmp.resolve("fs");
        build("type=tar,dest=" + tar, "type=local,dest=" + dir);
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertThat(names).contains("hello", "bin/busybox", "home/someone/");
        assertThat(dir.resolve("hello")).hasContent("hello from the image");
        assertThat(Files.getAttribute(dir.resolve("home/someone"), "unix:uid")).isEqualTo(1234);
        assertThat(tmp).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".partial"));
    }

    @Test
    void pushedImageIsReadBySkopeoWithTheSameDigest() throws Exception {
        String ref = registry.host() + "/built/out:1";
        BuildResult result = Stagecraft.build(BuildRequest.builder(context).root(root).tag(ref).push(true).build());
        JsonNode inspect = JSON.readTree(run(tmp, "skopeo", "inspect", "--tls-verify=false", "docker://" + ref));
        assertThat(inspect.get("Digest").asText()).isEqualTo(result.manifestDigest());
        assertThat(result.names()).contains(ref);
    }

    @Test
    void dockerArchiveIsLoadedByDockerdAndRuns() throws Exception {
        DockerDaemon.ensureRunning(Path.of("").toAbsolutePath().resolve("../.ci/start-dockerd").normalize(), tmp);
        Path archive = tmp.resolve("docker-load.tar");
        String name = "stagecraft.test/loaded:" + ProcessHandle.current().pid();
        BuildResult result = Stagecraft.build(BuildRequest.builder(context).root(root).tag(name)
                .output("type=docker,dest=" + archive).build());
        String docker = "/usr/bin/docker";
        run(tmp, docker, "load", "-i", archive.toString());
        try {
            assertThat(run(tmp, docker, "image", "inspect", "--format", "{{.Id}}", name).trim())
                    .isEqualTo(result.configDigest());
            assertThat(run(tmp, docker, "run", "--rm", "--network=host", name)).isEqualTo("hello from the image\n");
        } finally {
            run(tmp, docker, "image", "rm", name);
        }
    }
}
