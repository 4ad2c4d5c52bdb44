package dev.stagecraft.differential.build;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads an uncompressed tar archive (a filesystem export or an image layer) into its entries by
 * path. A later entry for the same path replaces an earlier one, as extraction would. The
 * archive's root directory ({@code ./} or {@code /}) is left out: exporters differ in whether they
 * write it at all.
 */
public final class TarTree {
    private TarTree() {
    }

    /** The entries of {@code tar}, sorted by path. */
    public static SortedMap<String, TreeEntry> read(Path tar) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tar))) {
            return read(in, tar.toString());
        }
    }

    /** The entries of the tar stream {@code in}; {@code name} names it in errors. */
    public static SortedMap<String, TreeEntry> read(InputStream in, String name) throws IOException {
        SortedMap<String, TreeEntry> entries = new TreeMap<>();
        // Hard link name -> the name it links to, resolved once every entry is read.
        Map<String, String> links = new LinkedHashMap<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            String path = normalize(e.getName());
            if (path.isEmpty()) {
                continue;
            }
            if (e.isLink()) {
                links.put(path, normalize(e.getLinkName()));
                entries.remove(path);
                continue;
            }
            links.remove(path);
            entries.put(path, entry(path, e, tar));
        }
        resolveHardLinks(entries, links, name);
        return entries;
    }

    /** {@code ./a/b/}, {@code /a/b} and {@code a/b} are all {@code a/b}; the root is the empty string. */
    static String normalize(String name) {
        String p = name;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals(".") ? "" : p;
    }

    private static TreeEntry entry(String path, TarArchiveEntry e, InputStream content) throws IOException {
        TreeEntry.Type type;
        String digest = "";
        long size = 0;
        if (e.isDirectory()) {
            type = TreeEntry.Type.DIRECTORY;
        } else if (e.isSymbolicLink()) {
            type = TreeEntry.Type.SYMLINK;
        } else if (e.isCharacterDevice()) {
            type = TreeEntry.Type.CHAR_DEVICE;
        } else if (e.isBlockDevice()) {
            type = TreeEntry.Type.BLOCK_DEVICE;
        } else if (e.isFIFO()) {
            type = TreeEntry.Type.FIFO;
        } else {
            type = TreeEntry.Type.FILE;
            size = e.getSize();
            digest = sha256(content);
        }
        boolean device = type == TreeEntry.Type.CHAR_DEVICE || type == TreeEntry.Type.BLOCK_DEVICE;
        return new TreeEntry(path, type, e.getMode() & 07777, e.getLongUserId(), e.getLongGroupId(), size, digest,
                type == TreeEntry.Type.SYMLINK ? e.getLinkName() : "",
                device ? e.getDevMajor() : 0, device ? e.getDevMinor() : 0,
                e.getLastModifiedTime().toInstant().getEpochSecond(), List.of());
    }

    /** Gives every name of a multiply linked file the file's attributes and the list of its other names. */
    private static void resolveHardLinks(SortedMap<String, TreeEntry> entries, Map<String, String> links,
            String name) throws IOException {
        Map<String, List<String>> groups = new TreeMap<>();
        for (Map.Entry<String, String> link : links.entrySet()) {
            String target = link.getValue();
            // A link to a link names the same file.
            for (int hops = 0; links.containsKey(target) && hops < links.size(); hops++) {
                target = links.get(target);
            }
            if (!entries.containsKey(target)) {
                throw new IOException(name + ": hard link " + link.getKey() + " points at " + link.getValue()
                        + ", which is not in the archive");
            }
            groups.computeIfAbsent(target, t -> new ArrayList<>(List.of(t))).add(link.getKey());
        }
        for (Map.Entry<String, List<String>> group : groups.entrySet()) {
            TreeEntry file = entries.get(group.getKey());
            List<String> names = new ArrayList<>(group.getValue());
            Collections.sort(names);
            for (String n : names) {
                List<String> others = new ArrayList<>(names);
                others.remove(n);
                entries.put(n, file.asName(n, others));
            }
        }
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        byte[] buf = new byte[65536];
        int n;
        while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
