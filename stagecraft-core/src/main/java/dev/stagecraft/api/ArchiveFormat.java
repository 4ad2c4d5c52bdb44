package dev.stagecraft.api;

/** The archive formats of {@link Images#save} and {@link Images#load}. */
public enum ArchiveFormat {
    /** {@code docker save}'s format: manifest.json, repositories, configs and uncompressed layer tars. */
    DOCKER,
    /** An OCI image layout as a tar (image-spec {@code image-layout.md}). */
    OCI
}
