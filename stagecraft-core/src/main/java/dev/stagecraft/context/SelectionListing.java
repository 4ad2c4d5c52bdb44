package dev.stagecraft.context;

import dev.stagecraft.content.Digest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link Selection} selected, entry by entry, next to its checksum: the material for saying
 * which paths changed between two builds. Both come from one walk, so they always agree.
 *
 * @param checksum the selection's content checksum, as {@link ContentChecksums#checksum} gives it
 * @param entries  path (the match's path, then the path below it) to a short description, in walk
 *                 order: {@code f 644 <sha256 hex>} for a regular file, {@code d 755} for a
 *                 directory, {@code l 777 <target>} for a symlink, {@code c|b <mode> <rdev>} for a
 *                 device, {@code p}/{@code s} for a pipe/socket, {@code missing} for a source that
 *                 is not there
 */
public record SelectionListing(Digest checksum, Map<String, String> entries) {
    public SelectionListing {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
}
