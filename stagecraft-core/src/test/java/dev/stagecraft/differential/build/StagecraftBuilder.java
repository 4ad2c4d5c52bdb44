package dev.stagecraft.differential.build;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.api.BuildError;
import dev.stagecraft.api.BuildRequest;
import dev.stagecraft.api.Stagecraft;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a case with stagecraft, through the public API, with both outputs the BuildKit side
 * gives: the filesystem as a tar and the image as a docker-archive.
 */
public final class StagecraftBuilder {
    private final Path root;

    /** Builds with the store under {@code root}, which holds the base image. */
    public StagecraftBuilder(Path root) {
        this.root = root;
    }

    /** Builds {@code c} on {@code base} (stored under the root) from the staged {@code context} into {@code out} (created) and saves the outcome there. */
    public BuildOutcome build(BuildCase c, BaseImage base, Path context, Path out)
            throws IOException, InterruptedException {
        Files.createDirectories(out);
        BuildOutcome outcome = BuildOutcome.succeeded(out, base);
        BuildRequest.Builder request = BuildRequest.builder(context).root(root).buildArgs(c.buildArgs())
                .output("type=tar,dest=" + outcome.filesystem())
                .output("type=docker,dest=" + outcome.image())
                // The base image is in the store; should stagecraft look in the registry all the same,
                // it is a plain-HTTP one on loopback.
                .insecureRegistry(base.reference().substring(0, base.reference().indexOf('/')));
        if (c.target() != null) {
            request.target(c.target());
        }
        try {
            Stagecraft.build(request.build());
        } catch (BuildError e) {
            return BuildOutcome.failed(out, base, e.exitCode(), e.getMessage()).save();
        } catch (StagecraftException e) {
            return BuildOutcome.error(out, base, e.getClass().getSimpleName() + ": " + e.getMessage()).save();
        }
        return outcome.save();
    }
}
