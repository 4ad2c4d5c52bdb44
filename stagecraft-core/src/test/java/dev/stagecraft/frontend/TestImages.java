package dev.stagecraft.frontend;

import dev.stagecraft.image.ContainerConfig;
import dev.stagecraft.image.History;
import dev.stagecraft.image.ImageConfig;
import dev.stagecraft.image.RootFs;
import java.util.List;

/** Base images for frontend tests, resolved from memory. */
final class TestImages {
    static final String ALPINE_DIGEST = "sha256:" + "a".repeat(64);
    static final String GOLANG_DIGEST = "sha256:" + "b".repeat(64);
    static final String NGINX_DIGEST = "sha256:" + "c".repeat(64);
    static final String ONBUILD_DIGEST = "sha256:" + "d".repeat(64);

    private TestImages() {
    }

    static ImageConfig image(List<String> env, List<String> cmd, String workdir, List<String> onBuild) {
        ContainerConfig c = new ContainerConfig(null, null, env, null, cmd, null, workdir, null, null, false, null,
                onBuild, null);
        return new ImageConfig("2024-01-01T00:00:00Z", null, "amd64", "linux", null, null, c,
                new RootFs("layers", List.of("sha256:" + "1".repeat(64))),
                List.of(new History("2024-01-01T00:00:00Z", "ADD rootfs.tar /", null, null, false)));
    }

    static StaticImageResolver resolver() {
        return new StaticImageResolver()
                .add("alpine:3.19", ALPINE_DIGEST,
                        image(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                                List.of("/bin/sh"), null, null))
                .add("golang:1.22", GOLANG_DIGEST,
                        image(List.of("PATH=/go/bin:/usr/local/go/bin:/usr/bin:/bin", "GOPATH=/go"),
                                List.of("bash"), "/go", null))
                .add("nginx:latest", NGINX_DIGEST,
                        image(List.of("PATH=/usr/bin:/bin", "NGINX_VERSION=1.25"), List.of("nginx", "-g",
                                "daemon off;"), null, null))
                .add("example/onbuild:1", ONBUILD_DIGEST,
                        image(List.of("PATH=/usr/bin:/bin"), null, "/app",
                                List.of("COPY . /app/src", "RUN make -C /app/src")));
    }
}
