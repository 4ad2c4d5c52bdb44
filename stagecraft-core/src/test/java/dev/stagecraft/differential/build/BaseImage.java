package dev.stagecraft.differential.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagecraft.api.Images;
import dev.stagecraft.api.RegistrySettings;
import dev.stagecraft.testing.BusyboxRootfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * The base image of every case, the same for both builders: a busybox root filesystem imported
 * into stagecraft's store and pushed by stagecraft to the test registry, from where dockerd pulls
 * it (dockerd trusts plain-HTTP registries on 127.0.0.0/8). Its files all have
 * {@link #MTIME}, so its layer is the same from run to run.
 *
 * @param reference   {@code 127.0.0.1:PORT/difftest/busybox:1}
 * @param manifest    the manifest digest both sides use
 * @param layerDiffId the diff ID of its one layer, which does not depend on the run
 */
public record BaseImage(String reference, String manifest, String layerDiffId) {
    /** 2000-01-01T00:00:00Z, the mtime of every file of the base image. */
    public static final FileTime MTIME = FileTime.fromMillis(946_684_800_000L);

    /** Makes the image in the store under {@code root} and pushes it to the registry at {@code registryHost}. */
    public static BaseImage create(Path work, Path root, String registryHost) throws IOException, InterruptedException {
        Path rootfs = BusyboxRootfs.create(work.resolve("base-rootfs"));
        try (Stream<Path> walk = Files.walk(rootfs)) {
            for (Path p : walk.toList()) {
                Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(MTIME, null, null);
            }
        }
        String ref = registryHost + "/difftest/busybox:1";
        Images images = Images.open(root, RegistrySettings.defaults().withInsecureRegistries(List.of(registryHost)));
        String manifest = images.importTree(rootfs, ref, null);
        String pushed = images.push(ref);
        if (!pushed.equals(manifest)) {
            throw new IllegalStateException("the registry holds " + pushed + " for " + ref + ", the store " + manifest);
        }
        JsonNode config = new ObjectMapper().readTree(images.inspect(ref).configJson());
        return new BaseImage(ref, manifest, config.path("rootfs").path("diff_ids").path(0).asText());
    }
}
