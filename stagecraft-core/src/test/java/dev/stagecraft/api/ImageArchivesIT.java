package dev.stagecraft.api;

import static dev.stagecraft.api.RootFsFixtures.busyboxTree;
import static dev.stagecraft.api.RootFsFixtures.leftovers;
import static dev.stagecraft.api.RootFsFixtures.run;
import static dev.stagecraft.api.RootFsFixtures.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.content.DigestMismatchException;
import dev.stagecraft.image.ImageTar;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * save, load and import with busybox, checked by the independent tools: skopeo reads our archives
 * and writes archives we load, umoci unpacks our OCI archive.
 */
class ImageArchivesIT {
    @TempDir
    Path tmp;

    private Images images;
    private String id;

    @BeforeEach
    void importBusybox() throws Exception {
        Path rootfs = tar(busyboxTree(tmp.resolve("tree")), tmp.resolve("rootfs.tar"));
        images = Images.open(tmp.resolve("root"));
        id = images.importImage(rootfs, "busybox:test", "linux/amd64", "from busybox");
    }

    /**
     * The whole manifest round-trips: import stores the tar as given (uncompressed, as docker
     * does), and a docker-archive holds uncompressed layers, so load rebuilds the very same OCI
     * manifest. (An image with gzip layers would keep its config digest and diff ids only.)
     */
    @Test
    void dockerArchiveRoundTripKeepsTheManifest() {
        Path archive = tmp.resolve("out/busybox.tar");
        archive.getParent().toFile().mkdirs();
        images.save(List.of("busybox:test"), ArchiveFormat.DOCKER, archive);

        Images fresh = Images.open(tmp.resolve("fresh"));
        List<LoadResult> loaded = fresh.load(archive);
        assertThat(loaded).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("docker.io/library/busybox:test");
            assertThat(r.familiarName()).isEqualTo("busybox:test");
            assertThat(r.id()).isEqualTo(id);
        });
        ImageDetails before = images.inspect("busybox:test");
        ImageDetails after = fresh.inspect("busybox:test");
        assertThat(after.digest()).isEqualTo(before.digest());
        assertThat(after.configJson()).isEqualTo(before.configJson()).contains("\"comment\":\"from busybox\"");
        // Only the archive itself is in the directory: the temp file was renamed.
        assertThat(archive.getParent().toFile().list()).containsExactly("busybox.tar");
    }

    @Test
    void skopeoReadsBothArchivesAndUmociUnpacksTheOciOne() throws Exception {
        Path docker = tmp.resolve("docker.tar");
        Path oci = tmp.resolve("oci.tar");
        images.tag("busybox:test", "example.com/tools/box:1");
        images.save(List.of("busybox:test", "example.com/tools/box:1"), ArchiveFormat.DOCKER, docker);
        images.save(List.of("busybox:test"), ArchiveFormat.OCI, oci);

        run("skopeo", "copy", "--quiet", "docker-archive:" + docker + ":busybox:test", "oci:" + tmp.resolve("s1") + ":a");
        run("skopeo", "copy", "--quiet", "docker-archive:" + docker + ":example.com/tools/box:1",
                "oci:" + tmp.resolve("s1") + ":b");
        run("skopeo", "copy", "--quiet", "oci-archive:" + oci + ":test", "oci:" + tmp.resolve("s2") + ":c");
        String inspected = run("skopeo", "inspect", "--config", "oci-archive:" + oci + ":test");
        assertThat(inspected).contains("\"amd64\"");

        Path layout = Files.createDirectories(tmp.resolve("layout"));
        run("tar", "-C", layout.toString(), "-xf", oci.toString());
        assertThat(Files.readString(layout.resolve("index.json")))
                .contains("\"org.opencontainers.image.ref.name\":\"test\"",
                        "\"io.containerd.image.name\":\"docker.io/library/busybox:test\"");
        run("umoci", "unpack", "--rootless", "--image", layout + ":test", tmp.resolve("bundle").toString());
        assertThat(tmp.resolve("bundle/rootfs/bin/busybox")).isRegularFile();
        assertThat(Files.readSymbolicLink(tmp.resolve("bundle/rootfs/bin/sh"))).isEqualTo(Path.of("busybox"));

        // The OCI archive and the layout directory load back under the full name.
        Images fromOci = Images.open(tmp.resolve("from-oci"));
        assertThat(fromOci.load(oci)).extracting(LoadResult::name).containsExactly("docker.io/library/busybox:test");
        Images fromDir = Images.open(tmp.resolve("from-dir"));
        assertThat(fromDir.load(layout)).extracting(LoadResult::id).containsExactly(id);
    }

    @Test
    void loadsWhatSkopeoWrites() throws Exception {
        Path oci = tmp.resolve("oci.tar");
        images.save(List.of("busybox:test"), ArchiveFormat.OCI, oci);
        Path docker = tmp.resolve("skopeo.tar");
        run("skopeo", "copy", "--quiet", "oci-archive:" + oci + ":test", "docker-archive:" + docker + ":registry.test/sk/box:7");

        Images fresh = Images.open(tmp.resolve("fresh"));
        assertThat(fresh.load(docker)).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("registry.test/sk/box:7");
            assertThat(r.id()).isEqualTo(id);
        });
        assertThat(fresh.list()).extracting(ImageSummary::reference).containsExactly("registry.test/sk/box:7");

        // A gzip-compressed archive (docker load accepts them) and one from stdin load too.
        Path gz = tmp.resolve("skopeo.tar.gz");
        run("sh", "-c", "gzip -c " + docker + " > " + gz);
        assertThat(Images.open(tmp.resolve("gz")).load(gz)).extracting(LoadResult::id).containsExactly(id);
        try (InputStream in = Files.newInputStream(docker)) {
            assertThat(Images.open(tmp.resolve("stdin")).load(in)).extracting(LoadResult::id).containsExactly(id);
        }
        assertThat(leftovers(tmp.resolve("gz"))).isEmpty();
        assertThat(leftovers(tmp.resolve("stdin"))).isEmpty();
    }

    @Test
    void importDetectsEveryCompressionByContent() throws Exception {
        Path tree = tmp.resolve("tree");
        String plainDiffId = images.inspect("busybox:test").configJson().replaceAll(".*\"diff_ids\":\\[\"([^\"]+)\".*", "$1");
        for (String[] c : new String[][] {{"--gzip", "gz"}, {"--bzip2", "bz2"}, {"--xz", "xz"}, {"--zstd", "zst"}}) {
            Path file = tar(tree, tmp.resolve("rootfs.tar." + c[1]), c[0]);
            Path renamed = Files.move(file, tmp.resolve("rootfs-" + c[1] + ".bin"));
            images.importImage(renamed, "busybox:" + c[1], "linux/amd64", null);
            assertThat(images.inspect("busybox:" + c[1]).configJson()).as(c[1]).contains(plainDiffId);
        }
        Path dirImport = tmp.resolve("dir-root");
        String dirId = Images.open(dirImport).importImage(tree, "dir:1", "linux/arm64/v8", null);
        assertThat(dirId).matches("sha256:[0-9a-f]{64}");
        assertThat(Images.open(dirImport).inspect("dir:1").configJson()).contains("\"arm64\"", "\"v8\"");
        Path notTar = Files.writeString(tmp.resolve("notes.txt"), "just text, no tar\n".repeat(50));
        assertThatThrownBy(() -> images.importImage(notTar, "bad:1", null, null))
                .isInstanceOf(StagecraftException.class).hasMessageContaining("is not a tar archive");
        assertThat(images.list()).extracting(ImageSummary::reference).doesNotContain("docker.io/library/bad:1");
    }

    @Test
    void malformedArchivesAreRefusedAndLeaveNothingNamed() throws Exception {
        Path good = tmp.resolve("good.tar");
        images.save(List.of("busybox:test"), ArchiveFormat.DOCKER, good);

        Path noManifest = rewrite(good, tmp.resolve("no-manifest.tar"), name -> name.equals("manifest.json") ? null : name, false);
        assertRefused(noManifest, StagecraftException.class, "neither a docker-archive (no manifest.json)");

        Path tampered = rewrite(good, tmp.resolve("tampered.tar"), UnaryOperator.identity(), true);
        assertRefused(tampered, DigestMismatchException.class, "digest");

        Path escaping = rewrite(good, tmp.resolve("escaping.tar"),
                name -> name.endsWith("layer.tar") ? "../../" + name : name, false);
        assertRefused(escaping, StagecraftException.class, "outside the archive");

        Path garbage = Files.write(tmp.resolve("garbage.tar"), "not an archive at all".getBytes(StandardCharsets.UTF_8));
        assertRefused(garbage, StagecraftException.class, "invalid archive");
    }

    private void assertRefused(Path archive, Class<? extends Throwable> type, String message) throws IOException {
        Path root = tmp.resolve("refused-" + archive.getFileName());
        Images fresh = Images.open(root);
        assertThatThrownBy(() -> fresh.load(archive)).as(archive.toString()).isInstanceOf(type)
                .hasMessageContaining(message);
        assertThat(fresh.list()).isEmpty();
        assertThat(leftovers(root)).isEmpty();
        // What was stored before the failure is held by nothing: a prune removes it.
        fresh.prune(false);
        assertThat(fresh.usage().blobs()).isZero();
    }

    /** Copies a tar, renaming entries (null drops one) and optionally flipping a byte in each layer. */
    private static Path rewrite(Path from, Path to, UnaryOperator<String> rename, boolean tamperLayers)
            throws IOException {
        try (TarArchiveInputStream in = ImageTar.read(new BufferedInputStream(Files.newInputStream(from)));
                OutputStream file = Files.newOutputStream(to);
                TarArchiveOutputStream out = ImageTar.open(file)) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                String name = rename.apply(e.getName());
                if (name == null) {
                    continue;
                }
                byte[] content = in.readAllBytes();
                if (tamperLayers && name.endsWith("layer.tar")) {
                    content[600] ^= 1;
                }
                if (e.isDirectory()) {
                    ImageTar.directory(out, name.replaceAll("/$", ""));
                } else {
                    ImageTar.file(out, name, content);
                }
            }
            out.finish();
        }
        return to;
    }
}
