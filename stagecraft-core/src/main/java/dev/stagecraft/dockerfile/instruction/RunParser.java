package dev.stagecraft.dockerfile.instruction;

import dev.stagecraft.dockerfile.DockerfileException;
import dev.stagecraft.dockerfile.parser.Node;
import dev.stagecraft.text.GoText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code RUN [--mount=...] [--network=...] [--security=...] [--device=...] command}. */
final class RunParser {
    private static final Set<String> NETWORKS = Set.of("default", "none", "host");
    private static final Set<String> SECURITY = Set.of("sandbox", "insecure");

    private RunParser() {
    }

    static RunInstruction run(Node node) {
        // Declared in the order of BuildKit's RUN hooks, which also orders the later checks.
        BuilderFlags flags = new BuilderFlags(node.flags());
        BuilderFlags.Flag device = flags.addStrings("device");
        BuilderFlags.Flag mount = flags.addStrings("mount");
        BuilderFlags.Flag network = flags.addString("network", "default");
        BuilderFlags.Flag security = flags.addString("security", "sandbox");
        flags.parse();

        CommandLine command = CommandInstructions.commandLine(node);
        for (String spec : device.values()) {
            RunDevices.check(spec);
        }
        List<RunMount> mounts = new ArrayList<>();
        for (String spec : mount.values()) {
            mounts.add(RunMounts.parse(spec, null));
        }
        if (!NETWORKS.contains(network.value())) {
            throw new DockerfileException("invalid network mode " + GoText.quote(network.value()));
        }
        if (!SECURITY.contains(security.value())) {
            throw new DockerfileException("security " + GoText.quote(security.value()) + " is not valid");
        }
        // The mainline frontend accepts --device here and refuses it only when a stage that runs
        // is converted, so the values travel on.
        return new RunInstruction(command, node.heredocs(), mount.values(), mounts, network.value(),
                security.value(), device.values(), node.location(), SimpleInstructions.code(node));
    }
}
