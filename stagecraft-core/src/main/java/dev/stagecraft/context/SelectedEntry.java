package dev.stagecraft.context;

import java.nio.file.Path;

/**
 * One item of what a {@link Selection} selects, in the order the checksum covers them: the start
 * of a match, a match that is not there, or an entry (the match itself or something below it).
 */
final class SelectedEntry {
    enum Kind { MATCH, MISSING, ENTRY }

    final Kind kind;
    /** The match path (MATCH, MISSING), or the path below the match, "" for the match itself (ENTRY). */
    final String path;
    final int match;
    final FileStat stat;
    /** The real path inside the root without a leading slash: the file digest cache's key. */
    final String rel;
    final Path host;
    final String linkTarget;
    /** The content sha256 of a regular file, filled in after the walk. */
    byte[] digest;

    private SelectedEntry(Kind kind, int match, String path, FileStat stat, String rel, Path host, String linkTarget) {
        this.kind = kind;
        this.match = match;
        this.path = path;
        this.stat = stat;
        this.rel = rel;
        this.host = host;
        this.linkTarget = linkTarget;
    }

    static SelectedEntry match(int index, String path) {
        return new SelectedEntry(Kind.MATCH, index, path, null, null, null, null);
    }

    static SelectedEntry missing(int index, String path) {
        return new SelectedEntry(Kind.MISSING, index, path, null, null, null, null);
    }

    static SelectedEntry entry(int match, String below, FileStat stat, String rel, Path host, String linkTarget) {
        return new SelectedEntry(Kind.ENTRY, match, below, stat, rel, host, linkTarget);
    }

    boolean needsDigest() {
        return kind == Kind.ENTRY && stat.isRegularFile();
    }
}
