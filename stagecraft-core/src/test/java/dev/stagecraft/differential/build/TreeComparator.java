package dev.stagecraft.differential.build;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares two filesystem trees entry by entry and describes every difference on one line:
 * paths only one side has, and for common paths type, mode, owner, size, content digest, link
 * target, device numbers, hard link names and, for times that were preserved rather than made
 * by the build, mtime.
 *
 * <p>Times made during a build (by RUN, by directories a COPY creates) differ from build to
 * build, so an mtime is compared only where at least one side is older than
 * {@code preservedBefore}: the fixture gives every file of the base image and of the build
 * context a fixed old time, so an old time on either side is a time the build had to keep.
 * Directory mtimes can be left out altogether: builders disagree on whether a copied directory
 * keeps its source's time, and adding or removing an entry changes its directory's time.
 */
public final class TreeComparator {
    private final String expectedName;
    private final String actualName;
    private final long preservedBefore;
    private final boolean directoryMtimes;

    /**
     * @param expectedName    what the first tree is, in messages ({@code buildkit})
     * @param actualName      what the second tree is ({@code stagecraft})
     * @param preservedBefore epoch second; mtimes older than this are compared
     * @param directoryMtimes whether directories' mtimes are compared at all
     */
    public TreeComparator(String expectedName, String actualName, long preservedBefore, boolean directoryMtimes) {
        this.expectedName = expectedName;
        this.actualName = actualName;
        this.preservedBefore = preservedBefore;
        this.directoryMtimes = directoryMtimes;
    }

    /** Every difference, in path order; empty when the trees are the same. */
    public List<String> compare(Map<String, TreeEntry> expected, Map<String, TreeEntry> actual) {
        List<String> diffs = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(expected.keySet());
        paths.addAll(actual.keySet());
        for (String path : paths) {
            TreeEntry e = expected.get(path);
            TreeEntry a = actual.get(path);
            if (a == null) {
                diffs.add("/" + path + ": only in " + expectedName + " (" + e.describe() + ")");
            } else if (e == null) {
                diffs.add("/" + path + ": only in " + actualName + " (" + a.describe() + ")");
            } else {
                compareEntry(path, e, a, diffs);
            }
        }
        return diffs;
    }

    private void compareEntry(String path, TreeEntry e, TreeEntry a, List<String> diffs) {
        List<String> fields = new ArrayList<>();
        if (e.type() != a.type()) {
            // Nothing else is comparable between a file and a directory.
            diffs.add("/" + path + ": type " + side(e.describe(), a.describe()));
            return;
        }
        field(fields, "mode", String.format("%04o", e.mode()), String.format("%04o", a.mode()));
        field(fields, "owner", e.uid() + ":" + e.gid(), a.uid() + ":" + a.gid());
        if (e.type() == TreeEntry.Type.FILE) {
            field(fields, "size", e.size(), a.size());
            if (!e.sha256().equals(a.sha256())) {
                fields.add("content sha256 " + side(e.shortDigest(), a.shortDigest()));
            }
        }
        field(fields, "link target", e.linkTarget(), a.linkTarget());
        field(fields, "device", e.devMajor() + "," + e.devMinor(), a.devMajor() + "," + a.devMinor());
        field(fields, "hard links", e.hardlinks(), a.hardlinks());
        boolean timeKept = e.mtime() < preservedBefore || a.mtime() < preservedBefore;
        if (timeKept && e.mtime() != a.mtime() && (directoryMtimes || e.type() != TreeEntry.Type.DIRECTORY)) {
            fields.add("mtime " + side(Instant.ofEpochSecond(e.mtime()).toString(),
                    Instant.ofEpochSecond(a.mtime()).toString()));
        }
        if (!fields.isEmpty()) {
            diffs.add("/" + path + " (" + e.type() + "): " + String.join("; ", fields));
        }
    }

    private void field(List<String> fields, String name, Object e, Object a) {
        if (!Objects.equals(e, a)) {
            fields.add(name + " " + side(String.valueOf(e), String.valueOf(a)));
        }
    }

    private String side(String e, String a) {
        return expectedName + " " + e + ", " + actualName + " " + a;
    }
}
