package dev.stagecraft.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options {@code docker build} users know, shared by the commands that take a Dockerfile. */
final class BuildOptions {
    @Option(names = {"-f", "--file"}, paramLabel = "PATH",
            description = "Name of the Dockerfile (default: CONTEXT/Dockerfile).")
    Path file;

    @Option(names = "--target", paramLabel = "STAGE", description = "Stage to build (default: the last one).")
    String target;

    @Option(names = "--build-arg", paramLabel = "KEY[=VALUE]",
            description = "Set a build-time variable; KEY alone takes the value from the environment.")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "Target platform (default: this machine's).")
    String platform;

    Path dockerfile(Path context) {
        return file != null ? file : context.resolve("Dockerfile");
    }

    /** Build args as docker takes them: a name without {@code =} is read from the environment. */
    Map<String, String> buildArgs(Map<String, String> environment) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String arg : buildArgs) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                String value = environment.get(arg);
                if (value != null) {
                    out.put(arg, value);
                }
            } else {
                out.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        return out;
    }
}
