package dev.stagecraft.exec;

import java.nio.file.Path;

/**
 * A mount added to a container.
 *
 * @param type        {@code bind} or {@code tmpfs}
 * @param source      the host path to bind (null for tmpfs)
 * @param destination absolute path in the container, created when missing
 * @param readOnly    whether writes are refused
 * @param sizeBytes   tmpfs size limit, 0 for none
 */
public record MountSpec(String type, Path source, String destination, boolean readOnly, long sizeBytes) {
    public static MountSpec bind(Path source, String destination, boolean readOnly) {
        return new MountSpec("bind", source, destination, readOnly, 0);
    }

    public static MountSpec tmpfs(String destination, long sizeBytes) {
        return new MountSpec("tmpfs", null, destination, false, sizeBytes);
    }
}
