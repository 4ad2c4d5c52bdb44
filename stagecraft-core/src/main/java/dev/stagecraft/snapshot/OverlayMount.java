package dev.stagecraft.snapshot;

import dev.stagecraft.StagecraftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mounts an overlay inside a {@link LockedDir}: {@code l/0}, {@code l/1}, ... are symlinks to the
 * lower directories (top first), and {@code mount} runs in the locked directory so the options
 * name them by these short relative names. That keeps the option string, which the kernel takes
 * as one page (4096 bytes), small for hundreds of layers, as Docker's {@code l/} links and
 * containerd's relative lowerdirs do.
 */
final class OverlayMount {
    /**
     * Never index, redirect or metadata-only copy up, whatever the module defaults: the upper
     * directory must hold every changed file whole, since it becomes the layer.
     */
    static final String FIXED_OPTIONS = "index=off,redirect_dir=off,metacopy=off";
    private static final int PAGE = 4096;

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
        for (int i = 0; i < lowers.size(); i++) {
            Files.createSymbolicLink(links.resolve(Integer.toString(i)), lowers.get(i));
            names.add("l/" + i);
        }
        // overlayfs wants one lower directory at least, two when there is no upper.
        for (int i = 0; names.size() < (writable ? 1 : 2); i++) {
            Files.createDirectory(dir.resolve("empty" + i));
            names.add("empty" + i);
        }
        StringBuilder options = new StringBuilder(writable ? "" : "ro,");
        options.append("lowerdir=").append(String.join(":", names));
        if (writable) {
            Files.createDirectory(dir.resolve("upper"));
            Files.createDirectory(dir.resolve("work"));
            options.append(",upperdir=upper,workdir=work");
        }
        options.append(',').append(FIXED_OPTIONS);
        if (options.length() >= PAGE) {
            throw new StagecraftException("cannot mount " + lowers.size() + " layers: the overlay mount options "
                    + "would take " + options.length() + " bytes, more than the kernel's " + PAGE);
        }
        Path merged = Files.createDirectory(dir.resolve("merged"));
        Mounts.overlay(dir, options.toString(), merged);
        return merged;
    }
}
