package dev.stagecraft.api;

import dev.stagecraft.frontend.ImageMetadataResolver;
import dev.stagecraft.frontend.OfflineImageResolver;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to plan: a Dockerfile, its build context and the options a build would get.
 *
 * @param context    the build context directory
 * @param dockerfile the Dockerfile, or null for {@code <context>/Dockerfile}
 * @param target     the stage to build, or null for the last one
 * @param buildArgs  {@code --build-arg} values
 * @param platform   the target platform ({@code linux/arm64}), or null for this machine's
 * @param resolver   how base images are looked up; the default contacts nothing
 */
public record PlanRequest(Path context, Path dockerfile, String target, Map<String, String> buildArgs,
        String platform, ImageMetadataResolver resolver) {

    public PlanRequest {
        buildArgs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
        if (resolver == null) {
            resolver = new OfflineImageResolver();
        }
    }

    /** A request for {@code <context>/Dockerfile} with default options. */
    public static PlanRequest of(Path context) {
        return new PlanRequest(context, null, null, Map.of(), null, null);
    }

    public PlanRequest withDockerfile(Path file) {
        return new PlanRequest(context, file, target, buildArgs, platform, resolver);
    }

    public PlanRequest withTarget(String stage) {
        return new PlanRequest(context, dockerfile, stage, buildArgs, platform, resolver);
    }

    public PlanRequest withBuildArgs(Map<String, String> args) {
        return new PlanRequest(context, dockerfile, target, args, platform, resolver);
    }

    public PlanRequest withPlatform(String p) {
        return new PlanRequest(context, dockerfile, target, buildArgs, p, resolver);
    }

    public PlanRequest withResolver(ImageMetadataResolver r) {
        return new PlanRequest(context, dockerfile, target, buildArgs, platform, r);
    }

    /** The Dockerfile path this request reads. */
    public Path dockerfilePath() {
        return dockerfile != null ? dockerfile : context.resolve("Dockerfile");
    }
}
