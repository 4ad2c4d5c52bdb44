package dev.stagecraft.cli;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.api.ArchiveFormat;
import dev.stagecraft.api.Images;
import dev.stagecraft.api.LoadResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code save}, {@code load} and {@code import}: images to and from files. */
final class ArchiveCommands {
    private ArchiveCommands() {
    }

    @Command(name = "save", mixinStandardHelpOptions = true,
            description = "Writes one or more images to a tar archive (docker-archive, or an OCI archive).")
    static final class Save implements Callable<Integer> {
        @Mixin
        ImageCommands.RootOption root;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "Write to this file (atomically) instead of stdout.")
        Path output;
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "docker",
                description = "docker (as docker save writes, the default) or oci (an OCI image layout as a tar).")
        String format;
        @Parameters(index = "0..*", arity = "1..*", paramLabel = "REF", description = "The stored images.")
        List<String> refs;

        @Override
        public Integer call() throws IOException {
            ArchiveFormat f = switch (format.toLowerCase(Locale.ROOT)) {
                case "docker", "docker-archive" -> ArchiveFormat.DOCKER;
                case "oci", "oci-archive" -> ArchiveFormat.OCI;
                default -> throw new StagecraftException("unknown --format " + format + ": use docker or oci");
            };
            Images images = root.open();
            if (output != null) {
                images.save(refs, f, output);
                return 0;
            }
            if (Stdio.stdoutIsTerminal.getAsBoolean()) {
                throw new StagecraftException("cowardly refusing to save to a terminal. Use the -o flag or redirect");
            }
            OutputStream out = Stdio.out.get();
            images.save(refs, f, out);
            out.flush();
            return 0;
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = {"Loads images from an archive or OCI layout, as docker load does.",
                "Reads a docker-archive, an OCI archive (either possibly gzip or zstd compressed) or an OCI layout",
                "directory; every blob is verified, and nothing is named unless the whole archive loads."})
    static final class Load implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ImageCommands.RootOption root;
        @Option(names = {"-i", "--input"}, paramLabel = "FILE|DIR",
                description = "Read this archive or OCI layout directory instead of stdin.")
        Path input;
        @Option(names = {"-q", "--quiet"}, description = "Print nothing.")
        boolean quiet;

        @Override
        public Integer call() {
            Images images = root.open();
            List<LoadResult> loaded = input != null ? images.load(input) : images.load(Stdio.in.get());
            if (!quiet) {
                PrintWriter out = spec.commandLine().getOut();
                for (LoadResult image : loaded) {
                    out.println(image.name() != null ? "Loaded image: " + image.familiarName()
                            : "Loaded image ID: " + image.id());
                }
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Makes a single-layer image of a root filesystem, as docker import does.",
                "The source is a tarball (plain, gzip, bzip2, xz or zstd, told by content), a directory, or - for",
                "stdin. Prints the image id. Without REF the image has no name, and the next prune removes it."})
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ImageCommands.RootOption root;
        @Option(names = "--platform", paramLabel = "PLATFORM",
                description = "os/arch[/variant] of the image. Default: linux on this machine's architecture.")
        String platform;
        @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "The image's history comment.")
        String message;
        @Option(names = {"-c", "--change"}, paramLabel = "INSTRUCTION",
                description = "A Dockerfile instruction for the config: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER,"
                        + " VOLUME or WORKDIR; repeatable.")
        List<String> changes = new java.util.ArrayList<>();
        @Parameters(index = "0", paramLabel = "FILE|DIR|-", description = "The tarball, a directory, or - for stdin.")
        String source;
        @Parameters(index = "1", arity = "0..1", paramLabel = "REF", description = "The name to give the image.")
        String ref;

        @Override
        public Integer call() {
            Images images = root.open();
            String id = source.equals("-") ? images.importImage(Stdio.in.get(), ref, platform, message, changes)
                    : images.importImage(Path.of(source), ref, platform, message, changes);
            PrintWriter out = spec.commandLine().getOut();
            out.println(id);
            out.flush();
            return 0;
        }
    }
}
