package dev.stagecraft.differential.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The dockerd the BuildKit side needs: started with {@code .ci/start-dockerd} when
 * {@code docker info} does not answer. The suite compares against the real BuildKit, so a daemon
 * that cannot be had is a failure, never a skip.
 */
public final class DockerDaemon {
    private DockerDaemon() {
    }

    /**
     * Makes sure dockerd answers and returns its version.
     *
     * @param startScript {@code .ci/start-dockerd}
     * @param logs        where the commands' output goes
     * @throws IllegalStateException with what to do, when there is no daemon
     */
    public static String ensureRunning(Path startScript, Path logs) throws IOException, InterruptedException {
        if (!Files.isExecutable(BuildKitBuilder.DOCKER)) {
            throw new IllegalStateException(BuildKitBuilder.DOCKER + " is missing: the differential build suite "
                    + "needs Debian's dockerd (apt-get install -y docker.io)");
        }
        Processes.Result info = Processes.run(List.of(BuildKitBuilder.DOCKER.toString(), "info"), Map.of(),
                logs.resolve("docker-info.log"));
        if (info.exitCode() != 0) {
            if (!Files.isExecutable(startScript)) {
                throw new IllegalStateException("dockerd is not running and " + startScript + " is missing");
            }
            Processes.Result start = Processes.run(List.of(startScript.toString()), Map.of(),
                    logs.resolve("start-dockerd.log"));
            if (start.exitCode() != 0) {
                throw new IllegalStateException("dockerd could not be started by " + startScript
                        + " (the differential build suite needs it; CI installs docker.io):\n" + start.tail(25));
            }
        }
        Processes.Result version = Processes.run(List.of(BuildKitBuilder.DOCKER.toString(), "version", "--format",
                "{{.Server.Version}}"), Map.of(), logs.resolve("docker-version.log"));
        if (version.exitCode() != 0) {
            throw new IllegalStateException("dockerd does not answer `docker version`:\n" + version.tail(10));
        }
        return version.output().trim();
    }
}
