package dev.stagecraft.cli;

import dev.stagecraft.api.PruneResult;
import dev.stagecraft.api.StoreUsage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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

        @Override
        public Integer call() {
            StoreUsage u = root.open().usage();
            long percent = u.totalBytes() == 0 ? 0 : Math.round(100.0 * u.reclaimableBytes() / u.totalBytes());
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"});
            rows.add(new String[] {"Images", String.valueOf(u.images()), String.valueOf(u.images()), "-", "-"});
            rows.add(new String[] {"Blobs", String.valueOf(u.blobs()), String.valueOf(u.blobs() - u.reclaimableBlobs()),
                ImageCommands.humanSize(u.totalBytes()),
                ImageCommands.humanSize(u.reclaimableBytes()) + " (" + percent + "%)"});
            PrintWriter out = spec.commandLine().getOut();
            Table.print(out, rows);
            out.flush();
            return 0;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = {"Deletes stored content that nothing uses.",
                "Without --all: the blobs no image name and no running pull, build, load or import (a lease) holds.",
                "With --all, every image name is removed first (as docker image prune -a removes every image no",
                "container uses), so all content goes except what a running operation holds."})
    static final class Prune implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ImageCommands.RootOption root;
        @Option(names = {"-a", "--all"}, description = "Remove every image name too, then their content.")
        boolean all;
        @Option(names = {"-f", "--force"}, description = "Do not ask for confirmation.")
        boolean force;

        @Override
        public Integer call() throws IOException {
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
            PruneResult result = root.open().prune(all);
            if (!result.untagged().isEmpty()) {
                out.println("Deleted Images:");
                result.untagged().forEach(name -> out.println("untagged: " + name));
                out.println();
            }
            out.println("Total reclaimed space: " + ImageCommands.humanSize(result.bytesFreed()));
            out.flush();
            return 0;
        }
    }
}
