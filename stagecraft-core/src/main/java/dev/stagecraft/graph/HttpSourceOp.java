package dev.stagecraft.graph;

/**
 * A file downloaded over HTTP(S) ({@code ADD https://...}).
 *
 * @param url      the URL
 * @param filename the name the file gets (basename of the URL path, or {@code __unnamed__})
 * @param checksum expected {@code sha256:<hex>}, or null
 */
public record HttpSourceOp(String url, String filename, String checksum) implements Op {
}
