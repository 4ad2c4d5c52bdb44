package dev.stagecraft.cli;

import dev.stagecraft.StagecraftException;
import dev.stagecraft.api.BuildCacheRecord;
import dev.stagecraft.api.Images;
import dev.stagecraft.api.PruneOptions;
import dev.stagecraft.api.PruneResult;
import dev.stagecraft.api.StoreUsage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code du} and {@code prune}: the store's disk usage and its garbage collection. */
final class StoreCommands {
    private StoreCommands() {
    }

    @Command(name = "du", mixinStandardHelpOptions = true,
            description = "Shows how much the store holds and how much prune would free.")
    static final class Du implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ImageCommands.RootOption root;
        @Option(names = {"-v", "--verbose"}, description = "List every build cache record, most recently used first.")
        boolean verbose;

        @Override
        public Integer call() {
            Images images = root.open();
            StoreUsage u = images.usage();
            long percent = u.totalBytes() == 0 ? 0 : Math.round(100.0 * u.reclaimableBytes() / u.totalBytes());
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"});
            rows.add(new String[] {"Images", String.valueOf(u.images()), String.valueOf(u.images()), "-", "-"});
            rows.add(new String[] {"Blobs", String.valueOf(u.blobs()), String.valueOf(u.blobs() - u.reclaimableBlobs()),
                ImageCommands.humanSize(u.totalBytes()),
                ImageCommands.humanSize(u.reclaimableBytes()) + " (" + percent + "%)"});
            long cachePercent = u.cacheBytes() == 0 ? 0 : Math.round(100.0 * u.cacheReclaimableBytes() / u.cacheBytes());
            rows.add(new String[] {"Build cache", String.valueOf(u.cacheRecords()), "-",
                ImageCommands.humanSize(u.cacheBytes()),
                ImageCommands.humanSize(u.cacheReclaimableBytes()) + " (" + cachePercent + "%)"});
            PrintWriter out = spec.commandLine().getOut();
            if (verbose) {
                printRecords(out, images.cacheRecords());
            }
            Table.print(out, rows);
            out.flush();
            return 0;
        }
    }

    /** One row per record: the layer the step added, and times relative to now. */
    static void printRecords(PrintWriter out, List<BuildCacheRecord> records) {
        Instant now = Instant.now();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "STEP", "SIZE", "CREATED", "LAST USED"});
        for (BuildCacheRecord r : records) {
            rows.add(new String[] {r.shortKey(), r.step() == null ? "" : r.step(),
                ImageCommands.humanSize(r.sizeBytes()), RelativeTime.ago(r.created(), now),
                RelativeTime.ago(r.lastUsed(), now)});
        }
        Table.print(out, rows);
        out.println();
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = {"Deletes stored content that nothing uses.",
                "Without --all: the blobs no image name and no running pull, build, load or import (a lease) holds.",
                "With --all, every image name is removed first (as docker image prune -a removes every image no",
                "container uses), so all content goes except what a running operation holds.",
                "Build cache records stay unless --all, --filter until= or --keep-storage removes them; unpacked",
                "layers no image and no record uses go too, unless a build is using snapshots."})
    static final class Prune implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ImageCommands.RootOption root;
        @Option(names = {"-a", "--all"}, description = "Remove every image name too, then their content.")
        boolean all;
        @Option(names = {"-f", "--force"}, description = "Do not ask for confirmation.")
        boolean force;
        @Option(names = "--filter", paramLabel = "until=DURATION",
                description = "Remove the build cache records not used within DURATION (Go syntax: 24h, 90m, 1h30m).")
        List<String> filters = new ArrayList<>();
        @Option(names = "--keep-storage", paramLabel = "SIZE",
                description = "Remove the least recently used build cache records until the blobs the cache alone "
                        + "holds fit SIZE (bytes, or 512MB, 10GB: binary units).")
        String keepStorage;

        @Override
        public Integer call() throws IOException {
            PruneOptions options = PruneOptions.DEFAULT.withAll(all);
            for (String f : filters) {
                int eq = f.indexOf('=');
                if (eq < 0 || !f.substring(0, eq).equals("until")) {
                    throw new StagecraftException("invalid filter \"" + f + "\": only until=DURATION is supported");
                }
                options = options.withUntil(PruneOptions.parseDuration(f.substring(eq + 1)));
            }
            if (keepStorage != null) {
                options = options.withKeepStorage(PruneOptions.parseSize(keepStorage));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (!force) {
                out.println(all ? "WARNING! This will remove all images and their content."
                        : "WARNING! This will remove all content no image references.");
                out.print("Are you sure you want to continue? [y/N] ");
                out.flush();
                String answer = new BufferedReader(new InputStreamReader(Stdio.in.get(), StandardCharsets.UTF_8))
                        .readLine();
                if (answer == null || !answer.trim().equalsIgnoreCase("y")) {
                    return 0;
                }
            }
            PruneResult result = root.open().prune(options);
            if (!result.untagged().isEmpty()) {
                out.println("Deleted Images:");
                result.untagged().forEach(name -> out.println("untagged: " + name));
                out.println();
            }
            if (result.removedRecords() > 0) {
                out.println("Deleted build cache records: " + result.removedRecords());
            }
            if (result.removedLayers() > 0) {
                out.println("Deleted unpacked layers: " + result.removedLayers());
            }
            out.println("Total reclaimed space: " + ImageCommands.humanSize(result.totalBytesFreed()));
            out.flush();
            return 0;
        }
    }
}
