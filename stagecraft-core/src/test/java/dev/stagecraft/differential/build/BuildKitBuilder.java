package dev.stagecraft.differential.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a case with the real BuildKit: the one in Debian's dockerd 20.10, driven by Debian's
 * {@code /usr/bin/docker} with {@code DOCKER_BUILDKIT=1}. The filesystem comes from a
 * {@code -o type=tar} build; the image from a second, tagged build of the same Dockerfile (every
 * step a cache hit of the first) saved with {@code docker save}, so that its config is compared
 * exactly as stored.
 */
public final class BuildKitBuilder {
    /** Debian's client; {@code /usr/local/bin/docker} may be a newer client without a daemon. */
    public static final Path DOCKER = Path.of("/usr/bin/docker");
    private static final Pattern EXIT_CODE = Pattern.compile("exit code: (\\d+)");
    private static final Map<String, String> ENV = Map.of("DOCKER_BUILDKIT", "1");

    /**
     * Builds {@code c} on {@code base} from the staged {@code context} into {@code out} (created) and saves the
     * outcome there.
     *
     * @param noCache build every step again rather than take dockerd's cache
     */
    public BuildOutcome build(BuildCase c, BaseImage base, Path context, Path out, boolean noCache)
            throws IOException, InterruptedException {
        Files.createDirectories(out);
        BuildOutcome outcome = BuildOutcome.succeeded(out, base);
        List<String> fs = command(c, context, noCache);
        fs.addAll(fs.size() - 1, List.of("-o", "type=tar,dest=" + outcome.filesystem()));
        Processes.Result r = Processes.run(fs, ENV, out.resolve("buildkit-fs.log"));
        if (r.exitCode() != 0) {
            Matcher m = EXIT_CODE.matcher(r.output());
            Integer exit = null;
            while (m.find()) {
                exit = Integer.valueOf(m.group(1));
            }
            return (exit != null ? BuildOutcome.failed(out, base, exit, r.tail(5)) : BuildOutcome.error(out, base, r.tail(15)))
                    .save();
        }
        String tag = "stagecraft-difftest/" + c.name() + ":" + Long.toHexString(System.nanoTime());
        List<String> image = command(c, context, false);
        image.addAll(image.size() - 1, List.of("-t", tag));
        r = Processes.run(image, ENV, out.resolve("buildkit-image.log"));
        if (r.exitCode() != 0) {
            return BuildOutcome.error(out, base, "the tagged build failed after the tar build succeeded:\n" + r.tail(15))
                    .save();
        }
        try {
            r = Processes.run(List.of(DOCKER.toString(), "save", "-o", outcome.image().toString(), tag), Map.of(),
                    out.resolve("buildkit-save.log"));
            if (r.exitCode() != 0) {
                return BuildOutcome.error(out, base, "docker save " + tag + " failed:\n" + r.tail(15)).save();
            }
        } finally {
            Processes.run(List.of(DOCKER.toString(), "rmi", tag), Map.of(), out.resolve("buildkit-rmi.log"));
        }
        return outcome.save();
    }

    private static List<String> command(BuildCase c, Path context, boolean noCache) {
        List<String> cmd = new ArrayList<>(List.of(DOCKER.toString(), "build", "--progress=plain", "--network=host",
                "-f", context.resolve("Dockerfile").toString()));
        if (noCache) {
            cmd.add("--no-cache");
        }
        if (c.target() != null) {
            cmd.addAll(List.of("--target", c.target()));
        }
        c.buildArgs().forEach((k, v) -> cmd.addAll(List.of("--build-arg", k + "=" + v)));
        cmd.add(context.toString());
        return cmd;
    }
}
