package dev.stagecraft.api;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.frontend.DockerfileFrontend;
import dev.stagecraft.frontend.FrontendOptions;
import dev.stagecraft.frontend.FrontendResult;
import dev.stagecraft.reference.InvalidPlatformException;
import dev.stagecraft.reference.Platform;
import java.nio.file.Files;
import java.nio.file.Path;

/** The entry point of the stagecraft library. */
public final class Stagecraft {
    private Stagecraft() {
    }

    /**
     * Works out what a build would do, without running anything.
     *
     * @throws StagecraftException when the Dockerfile cannot be read or is invalid; a
     *         {@link DockerfileException} carries the lines concerned
     */
    public static BuildPlan plan(PlanRequest request) {
        Path file = request.dockerfilePath();
        if (!Files.isDirectory(request.context())) {
            throw new StagecraftException("unable to prepare context: path " + quote(request.context())
                    + " not found or not a directory");
        }
        byte[] content = BuildRunner.readDockerfile(file);
        Platform target = null;
        if (request.platform() != null && !request.platform().isEmpty()) {
            try {
                target = Platform.parse(request.platform(), FrontendOptions.defaultBuildPlatform());
            } catch (InvalidPlatformException e) {
                throw new StagecraftException("invalid --platform " + quote(request.platform()) + ": " + e.getMessage());
            }
        }
        FrontendOptions options = new FrontendOptions(request.target(), request.buildArgs(),
                FrontendOptions.defaultBuildPlatform(), target);
        try {
            FrontendResult result = DockerfileFrontend.convert(content, options, request.resolver());
            return new BuildPlan(file, options, result);
        } catch (DockerfileException e) {
            throw new DockerfileError(file, content, e);
        }
    }

    /**
     * Builds an image: runs what the target stage needs, assembles the image and sends it to the
     * request's outputs (by default the local store, under the request's tags).
     *
     * @throws DockerfileError      when the Dockerfile is invalid
     * @throws BuildError           when a step fails
     * @throws StagecraftException  for any other problem (a base image that cannot be had, an
     *                              unusable output)
     * @throws InterruptedException when the calling thread is interrupted; running steps are
     *                              stopped and their containers removed first
     */
    public static BuildResult build(BuildRequest request) throws InterruptedException {
        return new BuildRunner(request).run();
    }

    private static String quote(Object o) {
        return "\"" + o + "\"";
    }
}
