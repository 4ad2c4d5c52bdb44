package dev.stagecraft.differential.build;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * How one build of a case ended, kept in a directory: {@code outcome.properties}, and for a
 * build that succeeded its filesystem ({@code fs.tar}) and its image ({@code image.tar}, a
 * docker-archive).
 *
 * @param status   how it ended
 * @param exitCode the failing RUN's exit code, for {@link Status#FAILED}
 * @param message  the builder's error, for {@link Status#FAILED} and {@link Status#ERROR}
 * @param dir      where the files are
 * @param base     the base image reference and manifest digest the build used, which a history
 *                 entry may name and which differ from run to run
 */
public record BuildOutcome(Status status, Integer exitCode, String message, Path dir, BaseImage base) {
    private static final String FILE = "outcome.properties";

    /** How a build ended. */
    public enum Status {
        /** Built; {@code fs.tar} and {@code image.tar} exist. */
        SUCCEEDED,
        /** A RUN step failed with an exit code. */
        FAILED,
        /** Anything else went wrong. */
        ERROR
    }

    public static BuildOutcome succeeded(Path dir, BaseImage base) {
        return new BuildOutcome(Status.SUCCEEDED, null, "", dir, base);
    }

    public static BuildOutcome failed(Path dir, BaseImage base, int exitCode, String message) {
        return new BuildOutcome(Status.FAILED, exitCode, message, dir, base);
    }

    public static BuildOutcome error(Path dir, BaseImage base, String message) {
        return new BuildOutcome(Status.ERROR, null, message, dir, base);
    }

    public Path filesystem() {
        return dir.resolve("fs.tar");
    }

    public Path image() {
        return dir.resolve("image.tar");
    }

    /** One line for messages. */
    public String summary() {
        return switch (status) {
            case SUCCEEDED -> "succeeded";
            case FAILED -> "failed with exit code " + exitCode + ": " + message;
            case ERROR -> "error: " + message;
        };
    }

    /** Writes {@code outcome.properties}, the last file of a complete outcome directory. */
    public BuildOutcome save() throws IOException {
        Properties p = new Properties();
        p.setProperty("status", status.name());
        if (exitCode != null) {
            p.setProperty("exit-code", exitCode.toString());
        }
        p.setProperty("message", message);
        p.setProperty("base-reference", base.reference());
        p.setProperty("base-manifest", base.manifest());
        p.setProperty("base-layer", base.layerDiffId());
        try (Writer w = Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8)) {
            p.store(w, "differential build outcome");
        }
        return this;
    }

    /** The outcome saved in {@code dir}, if a complete one is there. */
    public static Optional<BuildOutcome> load(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String exit = p.getProperty("exit-code");
        return Optional.of(new BuildOutcome(Status.valueOf(p.getProperty("status")),
                exit == null ? null : Integer.valueOf(exit), p.getProperty("message", ""), dir,
                new BaseImage(p.getProperty("base-reference"), p.getProperty("base-manifest"),
                        p.getProperty("base-layer"))));
    }
}
