package dev.stagecraft.api;

/**
 * One line of {@link Images#list()}, as {@code docker images} shows it.
 *
 * @param reference  the stored, fully qualified reference ({@code docker.io/library/busybox:1})
 * @param repository the repository in docker's familiar form ({@code busybox})
 * @param tag        the tag, or {@code <none>} for a reference by digest only
 * @param id         the image id: the config's digest ({@code sha256:<hex>})
 * @param digest     the manifest's digest
 * @param size       bytes of the config and the layers, as stored (compressed)
 * @param created    the config's {@code created} time (RFC 3339), or empty when it has none
 */
public record ImageSummary(String reference, String repository, String tag, String id, String digest, long size,
        String created) {

    /** The image id as {@code docker images} prints it: the first 12 hex digits of the config digest. */
    public String shortId() {
        String hex = id.substring(id.indexOf(':') + 1);
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
