package dev.stagecraft.worker.file;

/** A numeric owner: user id and group id. */
public record Owner(int uid, int gid) {
    /** root:root. */
    public static final Owner ROOT = new Owner(0, 0);
}
