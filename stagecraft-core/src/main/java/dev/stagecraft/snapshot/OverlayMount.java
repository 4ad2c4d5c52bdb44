package dev.stagecraft.snapshot;

import dev.stagecraft.StagecraftException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mounts an overlay inside a {@link LockedDir}. Through mount(2) the options name the lower
 * directories by their absolute paths, when those fit the kernel's one page (4096 bytes) of
 * options. Otherwise {@code mount} runs in the locked directory with short relative names:
 * {@code l/0}, {@code l/1}, ... are symlinks to the lower directories (top first), which keeps the
 * options small for hundreds of layers, as Docker's {@code l/} links and containerd's relative
 * lowerdirs do (a JVM cannot change its own working directory).
 */
final class OverlayMount {
    /**
     * Never index, redirect or metadata-only copy up, whatever the module defaults: the upper
     * directory must hold every changed file whole, since it becomes the layer.
     */
    static final String FIXED_OPTIONS = "index=off,redirect_dir=off,metacopy=off";
    static final int PAGE = 4096;

    private OverlayMount() {
    }

    /**
     * Mounts {@code lowers} (top first) at {@code <dir>/merged}; with {@code upper} and
     * {@code work} read-write, else read-only.
     *
     * @return the mount point
     */
    static Path mount(Path dir, List<Path> lowers, boolean writable) throws IOException {
        Path links = Files.createDirectory(dir.resolve("l"));
        List<String> names = new ArrayList<>();
        List<String> absolute = new ArrayList<>();
        for (int i = 0; i < lowers.size(); i++) {
            Files.createSymbolicLink(links.resolve(Integer.toString(i)), lowers.get(i));
            names.add("l/" + i);
            absolute.add(lowers.get(i).toAbsolutePath().toString());
        }
        // overlayfs wants one lower directory at least, two when there is no upper.
        for (int i = 0; names.size() < (writable ? 1 : 2); i++) {
            Files.createDirectory(dir.resolve("empty" + i));
            names.add("empty" + i);
            absolute.add(dir.toAbsolutePath().resolve("empty" + i).toString());
        }
        if (writable) {
            Files.createDirectory(dir.resolve("upper"));
            Files.createDirectory(dir.resolve("work"));
        }
        String relative = options(names, writable, "");
        if (relative.length() >= PAGE) {
            throw new StagecraftException("cannot mount " + lowers.size() + " layers: the overlay mount options "
                    + "would take " + relative.length() + " bytes, more than the kernel's " + PAGE);
        }
        String full = options(absolute, writable, dir.toAbsolutePath() + "/");
        Path merged = Files.createDirectory(dir.resolve("merged"));
        absolute.add(dir.toAbsolutePath().toString());
        Mounts.overlay(dir, relative, fitsOnePage(full, absolute) ? full : null, merged);
        return merged;
    }

    /** The option string naming {@code lowers}, and upper and work under {@code prefix} when writable. */
    static String options(List<String> lowers, boolean writable, String prefix) {
        StringBuilder options = new StringBuilder(writable ? "" : "ro,");
        options.append("lowerdir=").append(String.join(":", lowers));
        if (writable) {
            options.append(",upperdir=").append(prefix).append("upper,workdir=").append(prefix).append("work");
        }
        return options.append(',').append(FIXED_OPTIONS).toString();
    }

    /**
     * Whether {@code options} fit the kernel's page with its NUL, naming {@code dirs}, none of
     * which may hold a character overlayfs reads as a separator or escape (the relative names
     * never do).
     */
    static boolean fitsOnePage(String options, List<String> dirs) {
        return options.getBytes(StandardCharsets.UTF_8).length < PAGE
                && dirs.stream().noneMatch(d -> d.matches("(?s).*[,:\\\\\n].*"));
    }
}
