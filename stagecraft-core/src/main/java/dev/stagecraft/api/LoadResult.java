package dev.stagecraft.api;

/**
 * One image {@link Images#load} stored.
 *
 * @param name   the reference it was stored under ({@code docker.io/library/busybox:1}), or null when
 *               the archive does not name it
 * @param id     the image id: its config's digest
 * @param digest its manifest's digest
 */
public record LoadResult(String name, String id, String digest) {

    /** The name as {@code docker load} prints it ({@code busybox:1}), or null when there is none. */
    public String familiarName() {
        return name == null ? null : dev.stagecraft.reference.ImageReference.parse(name).familiarString();
    }
}
