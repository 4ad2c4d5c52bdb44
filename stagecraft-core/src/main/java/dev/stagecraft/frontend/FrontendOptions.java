package dev.stagecraft.frontend;

import dev.stagecraft.reference.Platform;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a build asks of the frontend besides the Dockerfile.
 *
 * @param target         the stage to build (case-insensitive), or null for the last stage
 * @param buildArgs      {@code --build-arg} values, used raw (never expanded)
 * @param buildPlatform  the platform of the machine doing the build; null means
 *                       {@link #defaultBuildPlatform()}
 * @param targetPlatform the platform to build for, or null to build for {@code buildPlatform}
 *                       (an "implicit" target: base images keep their own platform fields)
 */
public record FrontendOptions(String target, Map<String, String> buildArgs, Platform buildPlatform,
        Platform targetPlatform) {

    public FrontendOptions {
        buildArgs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
        if (buildPlatform == null) {
            buildPlatform = defaultBuildPlatform();
        }
        if (target != null && target.isEmpty()) {
            target = null;
        }
    }

    /** Last stage, no build args, for this machine's platform. */
    public static FrontendOptions defaults() {
        return new FrontendOptions(null, Map.of(), defaultBuildPlatform(), null);
    }

    /**
     * Linux on this machine's CPU. Build steps run in Linux containers whatever the host (as
     * BuildKit's workers do), so a Mac or Windows host still builds {@code linux/<arch>}.
     */
    public static Platform defaultBuildPlatform() {
        Platform host = Platform.host();
        return new Platform("linux", host.architecture(), host.variant(), "");
    }

    public FrontendOptions withTarget(String newTarget) {
        return new FrontendOptions(newTarget, buildArgs, buildPlatform, targetPlatform);
    }

    public FrontendOptions withBuildArgs(Map<String, String> args) {
        return new FrontendOptions(target, args, buildPlatform, targetPlatform);
    }

    public FrontendOptions withTargetPlatform(Platform platform) {
        return new FrontendOptions(target, buildArgs, buildPlatform, platform);
    }

    /** The platform stages are built for. */
    public Platform effectiveTargetPlatform() {
        return targetPlatform != null ? targetPlatform : buildPlatform;
    }
}
