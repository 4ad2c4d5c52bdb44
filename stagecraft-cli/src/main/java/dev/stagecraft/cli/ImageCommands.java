package dev.stagecraft.cli;

import dev.stagecraft.api.ImageDetails;
import dev.stagecraft.api.ImageSummary;
import dev.stagecraft.api.Images;
import dev.stagecraft.api.PullSummary;
import dev.stagecraft.api.RegistrySettings;
import dev.stagecraft.api.TransferProgress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The image commands: {@code pull}, {@code push}, {@code images}, {@code inspect}, {@code tag}, {@code rmi}. */
final class ImageCommands {
    private ImageCommands() {
    }

    /** {@code --root}, shared by every image command. */
    static final class RootOption {
        @Option(names = "--root", paramLabel = "DIR",
                description = "Where images are stored. Default: $STAGECRAFT_ROOT, /var/lib/stagecraft for root, "
                        + "else $XDG_DATA_HOME/stagecraft or ~/.local/share/stagecraft.")
        Path root;

        Images open(RegistrySettings settings) {
            return Images.open(root != null ? root : Images.defaultRoot(), settings);
        }

        Images open() {
            return open(RegistrySettings.defaults());
        }
    }

    /** {@code --insecure-registry}, for the commands that talk to registries. */
    static final class RegistryOption {
        @Option(names = "--insecure-registry", paramLabel = "HOST",
                description = "Talk to this registry (host or host:port) over HTTPS without checking its "
                        + "certificate, or over plain HTTP when it has no HTTPS; repeatable. Loopback registries "
                        + "always speak plain HTTP.")
        List<String> insecure = new ArrayList<>();

        RegistrySettings settings() {
            return RegistrySettings.defaults().withInsecureRegistries(insecure);
        }
    }

    @Command(name = "pull", mixinStandardHelpOptions = true, description = "Downloads an image from a registry.")
    static final class Pull implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RootOption root;
        @Mixin
        RegistryOption registry;
        @Option(names = "--platform", paramLabel = "PLATFORM",
                description = "os/arch[/variant] to pull of a multi-platform image. Default: linux on this machine's architecture.")
        String platform;
        @Option(names = {"-q", "--quiet"}, description = "Print only the pulled reference: no progress, no summary.")
        boolean quiet;
        @Parameters(index = "0", paramLabel = "REF", description = "The image, e.g. busybox:1.")
        String ref;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            TransferDisplay display = !quiet && TransferDisplay.onTerminal()
                    ? new TransferDisplay(out, TransferDisplay.Direction.PULL) : null;
            PullSummary pulled = root.open(registry.settings())
                    .pull(ref, platform, display == null ? TransferProgress.NONE : display);
            if (display != null) {
                display.finish();
            }
            if (!quiet) {
                out.println("Digest: " + pulled.digest());
                out.println("Status: Downloaded image for " + pulled.reference());
            }
            out.println(pulled.reference());
            out.flush();
            return 0;
        }
    }

    @Command(name = "push", mixinStandardHelpOptions = true, description = "Uploads an image to a registry.")
    static final class Push implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RootOption root;
        @Mixin
        RegistryOption registry;
        @Option(names = {"-q", "--quiet"}, description = "Print only the pushed digest line: no progress.")
        boolean quiet;
        @Parameters(index = "0", paramLabel = "REF", description = "The stored image, named for its registry.")
        String ref;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            TransferDisplay display = !quiet && TransferDisplay.onTerminal()
                    ? new TransferDisplay(out, TransferDisplay.Direction.PUSH) : null;
            String digest = root.open(registry.settings())
                    .push(ref, display == null ? TransferProgress.NONE : display);
            if (display != null) {
                display.finish();
            }
            out.println(ref + ": digest: " + digest);
            out.flush();
            return 0;
        }
    }

    @Command(name = "images", mixinStandardHelpOptions = true, description = "Lists the stored images.")
    static final class ListImages implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RootOption root;

        @Override
        public Integer call() {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"});
            for (ImageSummary image : root.open().list()) {
                rows.add(new String[] {image.repository(), image.tag(), image.shortId(),
                    image.created().isEmpty() ? "N/A" : image.created(), humanSize(image.size())});
            }
            PrintWriter out = spec.commandLine().getOut();
            Table.print(out, rows);
            out.flush();
            return 0;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Shows a stored image's manifest and config as JSON.")
    static final class Inspect implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RootOption root;
        @Parameters(index = "0", paramLabel = "REF", description = "The stored image.")
        String ref;

        @Override
        public Integer call() {
            ImageDetails details = root.open().inspect(ref);
            PrintWriter out = spec.commandLine().getOut();
            out.println(details.json());
            out.flush();
            return 0;
        }
    }

    @Command(name = "tag", mixinStandardHelpOptions = true,
            description = "Gives a stored image another name.")
    static final class Tag implements Callable<Integer> {
        @Mixin
        RootOption root;
        @Parameters(index = "0", paramLabel = "SOURCE", description = "The stored image.")
        String source;
        @Parameters(index = "1", paramLabel = "TARGET", description = "Its new name.")
        String target;

        @Override
        public Integer call() {
            root.open().tag(source, target);
            return 0;
        }
    }

    @Command(name = "rmi", mixinStandardHelpOptions = true,
            description = "Removes a stored image's name; its content goes when nothing references it.")
    static final class Rmi implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RootOption root;
        @Parameters(index = "0", paramLabel = "REF", description = "The stored image.")
        String ref;

        @Override
        public Integer call() {
            String digest = root.open().remove(ref);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Untagged: " + ref + "@" + digest);
            out.flush();
            return 0;
        }
    }

    /** Sizes as docker prints them: decimal units, three significant digits ({@code 4.26MB}). */
    static String humanSize(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        double size = bytes;
        int unit = 0;
        while (size >= 1000 && unit < units.length - 1) {
            size /= 1000;
            unit++;
        }
        String number = new java.math.BigDecimal(size).round(new java.math.MathContext(3))
                .stripTrailingZeros().toPlainString();
        return number + units[unit];
    }
}
