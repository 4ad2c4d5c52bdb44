package dev.stagecraft.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The directories a snapshotter keeps under its own: {@code store} (published trees or layers,
 * written once), {@code tmp} (content being made) and {@code active} (prepared snapshots and
 * views). Work directories under {@code tmp} and {@code active} are {@link LockedDir}s, so what a
 * killed process left there is removed when the directories are opened.
 */
final class SnapshotDirs {
    /** Fills a fresh staging directory and returns the directory to publish. */
    @FunctionalInterface
    interface Stager {
        Path stage(Path staging) throws IOException;
    }

    /** Makes something that owns a fresh work directory from then on. */
    @FunctionalInterface
    interface WorkOpener<T> {
        T open(LockedDir dir) throws IOException;
    }

    private final Path store;
    private final Path tmp;
    private final Path active;

    /** Opens (creating if needed) {@code dir/<storeName>}, {@code dir/tmp} and {@code dir/active}. */
    SnapshotDirs(Path dir, String storeName) throws IOException {
        Path base = dir.toAbsolutePath().normalize();
        this.store = Files.createDirectories(base.resolve(storeName));
        this.tmp = Files.createDirectories(base.resolve("tmp"));
        this.active = Files.createDirectories(base.resolve("active"));
        LockedDir.sweep(tmp);
        LockedDir.sweep(active);
    }

    /** Where published content lives. */
    Path store() {
        return store;
    }

    /**
     * Unless {@code home} exists already, has {@code stager} fill a locked directory under
     * {@code tmp} and publishes the directory it returns as {@code home} (see
     * {@link Trees#publish}); the staging directory is removed either way.
     */
    void publishOnce(Path home, Stager stager) throws IOException {
        if (Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (LockedDir staging = LockedDir.create(tmp)) {
            Trees.publish(stager.stage(staging.path()), home);
        }
    }

    /**
     * Hands a fresh locked directory under {@code active} to {@code opener}, whose result owns it
     * from then on; if the opener fails, the directory is closed (unmounted and removed) here.
     */
    <T> T openActive(WorkOpener<T> opener) throws IOException {
        LockedDir dir = LockedDir.create(active);
        try {
            return opener.open(dir);
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }
}
